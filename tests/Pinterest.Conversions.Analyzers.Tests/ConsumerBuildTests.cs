using Pinterest.Conversions.Analyzers.Tests.Verifiers;
using Pinterest.Conversions.Testing;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>
/// One real build of a tiny consumer project that references the runtime and the generator assembly the way a
/// consumer does (<c>OutputItemType="Analyzer"</c>): the analyzers run inside <c>dotnet build</c> and report with file
/// and line, and the generator's code compiles next to them.
/// </summary>
public sealed class ConsumerBuildTests(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(4);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "pin-consumer-" + Guid.NewGuid().ToString("N")[..12]);

    private const string Events = """
        using Pinterest.Conversions;

        namespace Consumer;

        [PinterestEvent(EventName.Checkout)]
        public record NotPartial
        {
            [MapTo(PinterestField.EventId)]         public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)]           public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record NoEventId
        {
            [MapTo(PinterestField.Email)]           public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.Signup)]
        public partial record NoIpAddress
        {
            [MapTo(PinterestField.EventId)] public string Id { get; init; } = "";
            [MapTo(PinterestField.Email)]   public string? Email { get; init; }
        }

        // A correct event: the generator implements IPinterestEvent, so this compiles.
        public abstract record WebEvent
        {
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
        }

        [PinterestEvent(EventName.AddToCart)]
        public partial record AddedToCart : WebEvent
        {
            [MapTo(PinterestField.EventId)] public required string Id { get; init; }
            [MapTo(PinterestField.Email)]   public string? Email { get; init; }
        }

        public static class Use
        {
            public static string Json() => PinterestJson.Serialize(new AddedToCart { Id = "a-1", Email = "a@example.com", Ip = "10.0.0.1", UserAgent = "ua" });
        }
        """;

    [Fact]
    public async Task The_analyzers_report_in_dotnet_build_with_file_and_line()
    {
        var root = RepoFiles.Root;
        Directory.CreateDirectory(_directory);
        // Stop MSBuild's upward search here: no Directory.Build.props or central package management from above.
        File.WriteAllText(Path.Combine(_directory, "Directory.Build.props"), "<Project></Project>\n");
        File.WriteAllText(Path.Combine(_directory, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        File.WriteAllText(Path.Combine(_directory, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(root, "src", "Pinterest.Conversions", "Pinterest.Conversions.csproj")}" />
                <ProjectReference Include="{Path.Combine(root, "src", "Pinterest.Conversions.Generators", "Pinterest.Conversions.Generators.csproj")}"
                                  OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        var events = Path.Combine(_directory, "Events.cs");
        File.WriteAllText(events, Events);

        // --artifacts-path puts every output, the referenced repository projects' included, under the temp folder:
        // the build never touches the repository's bin/obj (which other test runs may be using).
        var (exitCode, log) = await RunAsync(
            "build", Path.Combine(_directory, "Consumer.csproj"),
            "--artifacts-path", Path.Combine(_directory, "artifacts"),
            "-p:TreatWarningsAsErrors=false", "--disable-build-servers", "-nologo");
        output.WriteLine(log);

        Assert.NotEqual(0, exitCode); // PIN001 and PIN003 are errors
        Assert.Contains($"{events}(6,15): error PIN001: 'NotPartial' must be partial so the generator can implement IPinterestEvent for 'NotPartial'", log);
        Assert.Contains($"{events}(15,23): error PIN003: 'NoEventId' has no event_id", log);
        Assert.Contains($"{events}(23,23): warning PIN011: 'NoIpAddress' does not map ClientIpAddress and ClientUserAgent", log);
        Assert.Contains("/docs/diagnostics/PIN001.md", log); // the help link is printed with the message
        // The correct event compiled: the generator ran, and no other error came out.
        Assert.DoesNotContain("error CS", log);
        Assert.DoesNotContain("AD0001", log);
    }

    private static Task<(int ExitCode, string Output)> RunAsync(params string[] arguments) =>
        DotnetCli.RunAsync(s_timeout, environment: null, arguments);

    public void Dispose() => DotnetCli.DeleteQuietly(_directory);
}
