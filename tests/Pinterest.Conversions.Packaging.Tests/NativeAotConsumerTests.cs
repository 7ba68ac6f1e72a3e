using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Pinterest.Conversions.Testing;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// A fresh console project referencing the packed Pinterest.Conversions, published with Native AOT
/// (<c>dotnet publish -c Release -r linux-x64 -p:PublishAot=true</c>): the publish reports no trim or AOT warning
/// (IL2xxx, IL3xxx) from our assembly, which it roots whole so that every member is compiled and analysed, not only
/// those the program reaches; and the native executable writes exactly the expected JSON.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed partial class NativeAotConsumerTests(PackedFeed packed, ITestOutputHelper output)
{
    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromMinutes(8);

    private const string RuntimeIdentifier = "linux-x64";

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <PublishAot>true</PublishAot>
            <!-- One warning per problem, naming the member, rather than one IL2104 per assembly. -->
            <TrimmerSingleWarn>false</TrimmerSingleWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Pinterest.Conversions" Version="$(PinterestVersion)" />
            <!-- Every type and member of the runtime is compiled and analysed, not only what Program.cs reaches. -->
            <TrimmerRootAssembly Include="Pinterest.Conversions" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using Pinterest.Conversions;

        var order = new OrderPlaced
        {
            OrderNumber = "order-1001",
            PlacedAt = DateTimeOffset.FromUnixTimeSeconds(1767225600),
            Email = "  John.Doe@Example.COM ",
            Phone = "+1 (616) 954-78 88",
            City = "San José",
            Ip = "203.0.113.7",
            UserAgent = "Mozilla/5.0",
            Total = 72.39m,
            Skus = ["sku-1", "sku-2"],
        };
        Console.WriteLine(PinterestJson.Serialize(order));
        if (args.Length > 0) Console.WriteLine(Canary.Serialize(args));

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)]         public required string OrderNumber { get; init; }
            [MapTo(PinterestField.EventTime)]       public DateTimeOffset PlacedAt { get; init; }
            [MapTo(PinterestField.Email)]           public string? Email { get; init; }
            [MapTo(PinterestField.Phone)]           public string? Phone { get; init; }
            [MapTo(PinterestField.City)]            public string? City { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Value)]           public decimal Total { get; init; }
            [MapTo(PinterestField.Currency)]        public string Currency { get; init; } = "USD";
            [MapTo(PinterestField.ContentIds)]      public IReadOnlyList<string> Skus { get; init; } = [];
        }

        // Deliberately not trim or AOT safe, in the consumer's own code: proves the publish reports such warnings at all.
        static class Canary
        {
            public static string Serialize(object value) => System.Text.Json.JsonSerializer.Serialize(value);
        }
        """;

    [Fact]
    public async Task Native_aot_publish_has_no_trim_or_aot_warning_from_the_package_and_the_executable_writes_the_exact_json()
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);
        Assert.True(OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64,
            $"this test publishes for {RuntimeIdentifier} and runs the result; this machine is {RuntimeInformation.RuntimeIdentifier}");
        // The ILCompiler links with clang, or gcc when clang is missing. Fail here, in words, rather than in the linker.
        var toolchain = DotnetCli.FindOnPath("clang") ?? DotnetCli.FindOnPath("gcc");
        Assert.True(toolchain is not null,
            "Native AOT needs a C toolchain on PATH to link, and neither clang nor gcc is there: install one " +
            "(as root: apt-get install -y clang). .ci/run installs clang when it is missing.");
        output.WriteLine($"toolchain: {toolchain}");

        // The ILCompiler package and the runtime packs come from a registry the first time (the SDK picks their version).
        var consumer = ConsumerProject.Create(packed, "aot-consumer", Project,
            new Dictionary<string, string> { ["Program.cs"] = Program }, ThirdPartySources.PackageCacheAndRegistries);
        var stopwatch = Stopwatch.StartNew();
        var (publishExit, publishLog) = await consumer.DotnetAsync(s_publishTimeout, "publish",
            "-c", "Release", "-r", RuntimeIdentifier, "-p:PublishAot=true");
        stopwatch.Stop();
        output.WriteLine(publishLog);
        Assert.Equal(0, publishExit);
        Assert.Contains("Generating native code", publishLog, StringComparison.Ordinal);

        var warnings = publishLog.Split('\n').Where(l => TrimOrAotWarning().IsMatch(l)).Select(l => l.Trim()).ToList();
        // The canary is reported by the build's analyzer and by the ILCompiler: the analysis ran and its warnings reach this log...
        Assert.Contains(warnings, w => w.Contains("Trim analysis warning IL2026: Canary.Serialize", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("AOT analysis warning IL3050: Canary.Serialize", StringComparison.Ordinal));
        // ...and it is the only one: every warning points into the consumer's Program.cs, none at Pinterest.Conversions.
        var programFile = Path.Combine(consumer.Directory, "Program.cs") + "(";
        var others = warnings.Where(w => !w.StartsWith(programFile, StringComparison.Ordinal) || w.Contains("Pinterest", StringComparison.Ordinal)).ToList();
        Assert.True(others.Count == 0, "trim or AOT warnings from the package:\n" + string.Join('\n', others));

        var publish = Path.Combine(consumer.Directory, "bin", "Release", "net10.0", RuntimeIdentifier, "publish");
        var executable = Path.Combine(publish, "aot-consumer");
        Assert.True(File.Exists(executable), $"no native executable at {executable}");
        // Native code, not an apphost beside IL: no managed assembly was published.
        Assert.Empty(Directory.GetFiles(publish, "*.dll"));
        var size = new FileInfo(executable).Length;
        output.WriteLine($"publish: {stopwatch.Elapsed.TotalSeconds:F1} s, native executable: {size:N0} bytes");

        var (runExit, runOutput) = await DotnetCli.RunProcessAsync(executable, TimeSpan.FromMinutes(1), null);
        output.WriteLine(runOutput);
        Assert.Equal(0, runExit);
        // Normalized, then SHA-256: trimmed and lowercased email, phone digits only, city lowercased without spaces.
        var expected =
            "{\"event_name\":\"checkout\",\"action_source\":\"web\",\"event_time\":1767225600,\"event_id\":\"order-1001\"," +
            $"\"user_data\":{{\"em\":[\"{Sha256("john.doe@example.com")}\"],\"client_ip_address\":\"203.0.113.7\"," +
            $"\"client_user_agent\":\"Mozilla/5.0\",\"ph\":[\"{Sha256("16169547888")}\"],\"ct\":[\"{Sha256("sanjos\u00e9")}\"]}}," +
            "\"custom_data\":{\"currency\":\"USD\",\"value\":\"72.39\",\"content_ids\":[\"sku-1\",\"sku-2\"]}}";
        Assert.Equal("836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f", Sha256("john.doe@example.com"));
        Assert.Equal(expected + Environment.NewLine, runOutput);
    }

    private static string Sha256(string normalized) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));

    [GeneratedRegex(@"\bwarning IL[23]\d{3}\b")]
    private static partial Regex TrimOrAotWarning();
}
