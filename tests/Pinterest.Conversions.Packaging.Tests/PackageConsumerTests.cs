using System.IO.Compression;
using System.Xml.Linq;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// `dotnet pack` gives one Pinterest.Conversions package (runtime in lib/, generator, analyzers and code fixes in
/// analyzers/dotnet/cs, README, symbols), and a fresh project restoring from that folder only builds (our diagnostics
/// show) and runs (the generated JSON is right).
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed class PackageConsumerTests(PackedFeed packed, ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private const string Program = """
        using Pinterest.Conversions;

        var order = new OrderPlaced
        {
            OrderNumber = "order-1001",
            Email = "  John.Doe@Example.COM ",
            Ip = "203.0.113.7",
            UserAgent = "Mozilla/5.0",
            Total = 72.39m,
        };
        Console.WriteLine(PinterestJson.Serialize(order));

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)]         public required string OrderNumber { get; init; }
            [MapTo(PinterestField.Email)]           public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Value)]           public decimal Total { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record LeadWithoutIp
        {
            [MapTo(PinterestField.EventId)] public required string Id { get; init; }
            [MapTo(PinterestField.Email)]   public string? Email { get; init; }
        }
        """;

    [Fact]
    public async Task Packed_package_builds_and_runs_in_a_fresh_consumer()
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);

        var package = packed.Package("Pinterest.Conversions");
        Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")));
        using (var zip = ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.Contains("lib/net8.0/Pinterest.Conversions.dll", entries);
            Assert.Contains("lib/net10.0/Pinterest.Conversions.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Pinterest.Conversions.Generators.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/Pinterest.Conversions.CodeFixes.dll", entries);
            Assert.Contains("README.md", entries);
            // The analyzers are private to the package: no dependency on a Generators package.
            Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generators", StringComparison.Ordinal));
        }

        // Nothing but the feed: the runtime package has no dependency on net10.0.
        var consumer = ConsumerProject.Create(packed, "consumer", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Pinterest.Conversions" Version="$(PinterestVersion)" />
              </ItemGroup>
            </Project>
            """, new Dictionary<string, string> { ["Program.cs"] = Program }, ThirdPartySources.None);

        var (runExit, runLog) = await consumer.DotnetAsync(s_timeout, "run");
        output.WriteLine(runLog);

        Assert.Equal(0, runExit);
        // The analyzers ran in the consumer's build...
        Assert.Contains("warning PIN011: 'LeadWithoutIp' does not map ClientIpAddress and ClientUserAgent", runLog);
        // ...and the generated serializer normalized and hashed the email, and wrote money as a string.
        Assert.Contains("\"em\":[\"836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f\"]", runLog);
        Assert.Contains("\"event_id\":\"order-1001\"", runLog);
        Assert.Contains("\"value\":\"72.39\"", runLog);
    }

    [Theory]
    [InlineData("Pinterest.Conversions", null)]
    [InlineData("Pinterest.Conversions.Hosting", "Pinterest.Conversions")]
    [InlineData("Pinterest.Conversions.AspNetCore", "Pinterest.Conversions.Hosting")] // the outbox page is over IPinterestOutbox
    [InlineData("Pinterest.Conversions.Sandbox", "Pinterest.Conversions")]
    [InlineData("Pinterest.Conversions.Outbox.Sqlite", "Pinterest.Conversions.Hosting")]
    [InlineData("Pinterest.Conversions.Outbox.PostgreSql", "Pinterest.Conversions.Hosting")]
    public void Every_package_has_both_targets_readme_symbols_metadata_and_its_dependency(string id, string? dependsOn)
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);

        var package = packed.Package(id);
        Assert.True(File.Exists(Path.ChangeExtension(package, ".snupkg")), $"no symbols package for {id}");
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains($"lib/net8.0/{id}.dll", entries);
        Assert.Contains($"lib/net10.0/{id}.dll", entries);
        Assert.Contains("README.md", entries);

        XNamespace ns;
        XElement metadata;
        using (var stream = zip.GetEntry($"{id}.nuspec")!.Open())
        {
            var nuspec = XDocument.Load(stream);
            ns = nuspec.Root!.Name.Namespace;
            metadata = nuspec.Root.Element(ns + "metadata")!;
        }
        Assert.Equal("README.md", metadata.Element(ns + "readme")?.Value);
        Assert.Equal("MIT", metadata.Element(ns + "license")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(metadata.Element(ns + "description")?.Value));
        Assert.Contains("pinterest", metadata.Element(ns + "tags")?.Value ?? "", StringComparison.Ordinal);

        var groups = metadata.Element(ns + "dependencies")!.Elements(ns + "group").ToList();
        Assert.Equal(["net10.0", "net8.0"], groups.Select(g => g.Attribute("targetFramework")!.Value).Order(StringComparer.Ordinal));
        foreach (var group in groups)
        {
            // Our packages depend only on the one below them (third-party packages aside).
            var ours = group.Elements(ns + "dependency").Where(d => d.Attribute("id")!.Value.StartsWith("Pinterest.", StringComparison.Ordinal)).ToList();
            Assert.Equal(dependsOn is null ? [] : [dependsOn], ours.Select(d => d.Attribute("id")!.Value));
            // ...and let its generator and analyzers through: events declared next to Hosting still get generated.
            Assert.All(ours, d => Assert.DoesNotContain("Analyzers", d.Attribute("exclude")?.Value ?? "", StringComparison.Ordinal));
        }
    }
}
