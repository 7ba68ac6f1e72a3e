using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Pinterest.Conversions.Testing;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// The sandbox as a .NET tool, used the way docs/sandbox.md says: <c>dotnet tool install</c> from the packed folder only
/// (a nuget.config with that one source, the consumers' own package cache), then the installed <c>pinterest-sandbox</c>
/// command started as a process on a free port, sent a real request over loopback HTTP, and stopped.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed class SandboxToolTests(PackedFeed packed, ITestOutputHelper output)
{
    private const string PackageId = "Pinterest.Conversions.Sandbox.Tool";
    private const string Command = "pinterest-sandbox";
    private const string ListeningMarker = "Pinterest sandbox listening on ";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void The_tool_package_holds_the_command_and_only_managed_files()
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);

        using var zip = ZipFile.OpenRead(packed.Package(PackageId));
        var entries = zip.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("README.md", entries);
        Assert.Contains("tools/net10.0/any/Pinterest.Conversions.Sandbox.Tool.dll", entries);
        Assert.Contains("tools/net10.0/any/Pinterest.Conversions.Sandbox.dll", entries);
        Assert.Contains("tools/net10.0/any/Pinterest.Conversions.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal)); // a tool, not a library
        // The referenced projects are executables too; their apphosts (native code for the packing machine) stay out.
        Assert.All(entries.Where(e => e.StartsWith("tools/", StringComparison.Ordinal)),
            e => Assert.Matches(@"^tools/net10\.0/any/([^/]+\.(dll|pdb|json)|DotnetToolSettings\.xml)$", e));

        using (var stream = zip.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open())
        {
            var command = XDocument.Load(stream).Descendants("Command").Single();
            Assert.Equal(Command, command.Attribute("Name")?.Value);
            Assert.Equal("Pinterest.Conversions.Sandbox.Tool.dll", command.Attribute("EntryPoint")?.Value);
        }
        using (var stream = zip.GetEntry(PackageId + ".nuspec")!.Open())
        {
            var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value;
            Assert.Equal("MIT", Value("license"));
            Assert.Equal("README.md", Value("readme"));
            Assert.Equal("DotnetTool", metadata.Descendants().Single(e => e.Name.LocalName == "packageType").Attribute("name")?.Value);
            Assert.DoesNotContain(metadata.Descendants(), e => e.Name.LocalName == "dependency"); // everything is inside
        }
    }

    [Fact]
    public async Task Installed_from_the_packed_folder_it_serves_events_on_loopback_at_the_given_port()
    {
        var command = await InstallAsync("tool-serve");
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(command)
        {
            ArgumentList = { "--port", port.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = packed.Directory, // not the repository: no appsettings.json of ours
        };
        start.Environment["DOTNET_ROOT"] = DotnetRoot();
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var root = await ReadRootAsync(process, TimeSpan.FromSeconds(60));
            Assert.Equal($"http://127.0.0.1:{port}", root);
            AssertListensOnLoopbackOnly(port);

            using var http = new HttpClient { BaseAddress = new Uri(root + "/"), Timeout = TimeSpan.FromSeconds(15) };
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var request = new HttpRequestMessage(HttpMethod.Post, "v5/ad_accounts/549755885175/events")
            {
                Content = new StringContent($$$"""
                    {"data":[{"event_name":"checkout","action_source":"web","event_time":{{{now}}},"event_id":"order-1",
                      "user_data":{"em":["411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9c8"],
                                   "client_ip_address":"216.3.128.12","client_user_agent":"Mozilla/5.0"}}]}
                    """, Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer any");
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            output.WriteLine(body);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using (var answer = JsonDocument.Parse(body))
            {
                Assert.Equal(1, answer.RootElement.GetProperty("num_events_received").GetInt32());
                Assert.Equal(1, answer.RootElement.GetProperty("num_events_processed").GetInt32());
                Assert.Equal("processed", answer.RootElement.GetProperty("events")[0].GetProperty("status").GetString());
            }

            using var report = JsonDocument.Parse(await http.GetStringAsync("sandbox/report"));
            Assert.Equal(1, report.RootElement.GetProperty("totals").GetProperty("conversions").GetInt64());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var stderr = await errors;
        output.WriteLine(stderr);
        Assert.DoesNotContain("WARNING", stderr);
    }

    [Fact]
    public async Task The_tool_has_the_standalone_hosts_options()
    {
        var command = await InstallAsync("tool-options");
        var environment = new Dictionary<string, string> { ["DOTNET_ROOT"] = DotnetRoot() };

        var (helpExit, toolHelp) = await DotnetCli.RunProcessAsync(command, s_timeout, environment, "--help");
        output.WriteLine(toolHelp);
        Assert.Equal(0, helpExit);
        Assert.Contains("Usage: pinterest-sandbox [options]", toolHelp);
        Assert.Contains("--port <port>", toolHelp);
        Assert.Contains("--Sandbox:AccessToken <token>", toolHelp);

        // The standalone host of the same pack (dotnet run's Program.cs) prints the same help under its own name.
        var standalone = Path.Combine(packed.Directory, "artifacts", "bin", "Pinterest.Conversions.Sandbox", "release_net10.0", "Pinterest.Conversions.Sandbox.dll");
        var (standaloneExit, standaloneHelp) = await DotnetCli.RunAsync(s_timeout, null, standalone, "--help");
        Assert.Equal(0, standaloneExit);
        Assert.Equal(standaloneHelp.Replace("Pinterest.Conversions.Sandbox", "<command>", StringComparison.Ordinal),
            toolHelp.Replace(Command, "<command>", StringComparison.Ordinal));

        var (unknownExit, unknown) = await DotnetCli.RunProcessAsync(command, s_timeout, environment, "--prot", "5080");
        Assert.Equal(2, unknownExit);
        Assert.Equal("pinterest-sandbox: unknown option '--prot'. Run 'pinterest-sandbox --help' for the options.", unknown.Trim());

        var (bothExit, both) = await DotnetCli.RunProcessAsync(command, s_timeout, environment, "--port", "5080", "--urls", "http://0.0.0.0:5080");
        Assert.Equal(2, bothExit);
        Assert.Contains("--port and --urls cannot be used together", both);
    }

    /// <summary>
    /// <c>dotnet tool install --tool-path</c> with a nuget.config whose one source is the packed folder; returns the
    /// installed command.
    /// </summary>
    private async Task<string> InstallAsync(string name)
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);

        var directory = Path.Combine(packed.Directory, name);
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "nuget.config");
        new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("clear"),
                new XElement("add", new XAttribute("key", "packed"), new XAttribute("value", packed.Feed))))).Save(config);

        var toolPath = Path.Combine(directory, "tools");
        var (exit, log) = await DotnetCli.RunAsync(s_timeout,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = packed.ConsumerPackages },
            "tool", "install", PackageId, "--version", packed.Version, "--tool-path", toolPath, "--configfile", config);
        output.WriteLine(log);
        Assert.Equal(0, exit);

        var command = Path.Combine(toolPath, Command + (OperatingSystem.IsWindows() ? ".exe" : ""));
        Assert.True(File.Exists(command), $"{command} was not installed");
        return command;
    }

    /// <summary>
    /// Nothing answers on the port at the machine's other addresses, and (on Linux, from /proc/net) every listening
    /// socket on it is bound to 127.0.0.1.
    /// </summary>
    private void AssertListensOnLoopbackOnly(int port)
    {
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily == AddressFamily.InterNetwork)
            .ToArray();
        output.WriteLine($"other addresses checked: {string.Join(", ", others.Select(a => a.ToString()))}");
        foreach (var address in others)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var refused = Assert.Throws<SocketException>(() => socket.Connect(new IPEndPoint(address, port)));
            output.WriteLine($"{address}:{port}: {refused.SocketErrorCode}");
        }

        if (!OperatingSystem.IsLinux()) return;
        // /proc/net/tcp{,6}: "sl local_address rem_address st ...", the address in hex (IPv4 little-endian), state 0A = LISTEN.
        var listeners = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length > 3 && f[3] == "0A" && f[1].Contains(':', StringComparison.Ordinal)
                && int.Parse(f[1].Split(':')[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            .Select(f => f[1].Split(':')[0])
            .ToArray();
        output.WriteLine($"listening on port {port}: {string.Join(", ", listeners)}");
        Assert.NotEmpty(listeners);
        Assert.All(listeners, address => Assert.Equal("0100007F", address)); // 127.0.0.1
    }

    private static async Task<string> ReadRootAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var seen = new StringBuilder();
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            seen.AppendLine(line);
            if (line.StartsWith(ListeningMarker, StringComparison.Ordinal)) return line[ListeningMarker.Length..].Trim();
        }
        throw new InvalidOperationException($"{Command} exited ({process.ExitCode}) without printing its URL:\n{seen}");
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// The .NET the tests run on, for the installed command's apphost: a dotnet installed outside the default location
    /// (dotnet-install.sh on CI) is found through DOTNET_ROOT, as a user of the tool would set it.
    /// </summary>
    private static string DotnetRoot()
    {
        var dotnet = Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : DotnetCli.FindOnPath("dotnet") ?? throw new InvalidOperationException("dotnet is not on PATH");
        return Path.GetDirectoryName(File.ResolveLinkTarget(dotnet, returnFinalTarget: true)?.FullName ?? dotnet)!;
    }
}
