using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>The standalone host (Program.cs) runs as its own process, prints its URLs and serves the endpoint.</summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task The_host_prints_its_urls_takes_options_from_the_environment_and_serves_events()
    {
        var start = HostStartInfo("--urls", "http://127.0.0.1:0");
        start.Environment["Sandbox__AccessToken"] = "standalone-token";
        start.Environment["Sandbox__AdvertiserDefinedEvents"] = "loyalty_signup";
        using var process = Process.Start(start)!;
        try
        {
            var root = await ReadRoot(process, TimeSpan.FromSeconds(30));
            using var client = new SandboxClient(new Uri(root + "/"));
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var body = Bodies.Request(Bodies.Event(now, name: "loyalty_signup"));

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostEvents(body, token: "other")).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(body, token: "standalone-token")).Status);
            var report = await client.Get("sandbox/report");
            Assert.Equal(1, report.Json.GetProperty("totals").GetProperty("conversions").GetInt64());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Port_listens_on_loopback_at_that_port()
    {
        var port = FreeLoopbackPort();
        using var process = Process.Start(HostStartInfo("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            var root = await ReadRoot(process, TimeSpan.FromSeconds(30));
            Assert.Equal($"http://127.0.0.1:{port}", root);

            using var client = new SandboxClient(new Uri($"http://127.0.0.1:{port}/"));
            var response = await client.PostEvents(Bodies.Request(Bodies.Event(DateTimeOffset.UtcNow.ToUnixTimeSeconds())));
            Assert.Equal(HttpStatusCode.OK, response.Status);
            Assert.Equal(1, response.Json.GetProperty("num_events_processed").GetInt32());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.DoesNotContain("WARNING", await errors);
    }

    [Theory]
    [InlineData(new[] { "--help" }, 0, "Usage: Pinterest.Conversions.Sandbox [options]", "")]
    [InlineData(new[] { "--prot", "5080" }, 2, "", "Pinterest.Conversions.Sandbox: unknown option '--prot'. Run 'Pinterest.Conversions.Sandbox --help' for the options.")]
    [InlineData(new[] { "--Sandbox:MaxEventAge=soon" }, 2, "", "Pinterest.Conversions.Sandbox: Sandbox:MaxEventAge must be a time span")]
    [InlineData(new[] { "--Sandbox:AdAccountId=acct-1" }, 2, "", "AdAccountId must be 1 to 18 digits")]
    public async Task Help_and_wrong_options_exit_without_starting(string[] args, int exitCode, string stdout, string stderr)
    {
        var (exit, output, errors) = await RunToExit(args);

        Assert.Equal(exitCode, exit);
        Assert.Contains(stdout, output);
        Assert.Contains(stderr, errors);
        Assert.DoesNotContain("listening on", output);
        Assert.DoesNotContain("acct-1", errors); // the value is not repeated (it could have been the token)
    }

    [Fact]
    public async Task A_taken_port_is_one_line_and_exit_code_1()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exit, output, errors) = await RunToExit(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(1, exit);
        Assert.Contains($"Pinterest.Conversions.Sandbox: Failed to bind to address http://127.0.0.1:{port}: address already in use.", errors);
        Assert.DoesNotContain(" at ", output + errors); // no stack trace, logged or thrown
    }

    private static ProcessStartInfo HostStartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pinterest.Conversions.Sandbox.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunToExit(string[] args)
    {
        using var process = Process.Start(HostStartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The host did not exit: " + await output);
        }
        return (process.ExitCode, await output, await errors);
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task<string> ReadRoot(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            const string marker = "Pinterest sandbox listening on ";
            if (line.StartsWith(marker, StringComparison.Ordinal)) return line[marker.Length..].Trim();
        }
        throw new InvalidOperationException("The host exited without printing its URL: " + await process.StandardError.ReadToEndAsync());
    }
}
