using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Pinterest.Conversions.Analyzers.Tests.Verifiers;
using Pinterest.Conversions.Generators.Analyzers;

namespace Pinterest.Conversions.Analyzers.Tests;

/// <summary>
/// docs/diagnostics/&lt;id&gt;.md for every descriptor, reachable from its help link, with examples that really do what
/// they say: the bad example raises the diagnostic, the good one does not. README lists them all; the release-tracking
/// file matches the catalogue.
/// </summary>
public partial class DocumentationTests
{
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(DiagnosticDescriptors).GetFields()
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> Ids => new(Descriptors.Select(d => d.Id));

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(d => d.Id == id);

    private static string DocPath(string id) => Path.Combine(RepoFiles.Root, "docs", "diagnostics", id + ".md");

    [Fact]
    public void The_catalogue_has_PIN001_to_PIN020_without_PIN009() =>
        Assert.Equal(Enumerable.Range(1, 20).Where(i => i != 9).Select(i => $"PIN{i:000}"), Descriptors.Select(d => d.Id));

    [Fact]
    public void There_is_one_page_per_diagnostic_and_no_other()
    {
        var pages = Directory.GetFiles(Path.Combine(RepoFiles.Root, "docs", "diagnostics"), "*.md")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);
        Assert.Equal(Descriptors.Select(d => d.Id), pages);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_help_link_points_at_the_page_in_the_repository(string id)
    {
        var descriptor = Descriptor(id);
        Assert.EndsWith($"/docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out var uri) && uri.Scheme == "https", descriptor.HelpLinkUri);
        Assert.True(File.Exists(DocPath(id)), DocPath(id));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_page_states_the_title_severity_and_category_and_has_every_section(string id)
    {
        var descriptor = Descriptor(id);
        var text = File.ReadAllText(DocPath(id));
        Assert.StartsWith($"# {id}: {descriptor.Title}\n", text, StringComparison.Ordinal);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text, StringComparison.Ordinal);
        Assert.Contains($"| Category | {descriptor.Category} |", text, StringComparison.Ordinal);
        foreach (var section in new[] { "## What it means", "## Why it matters", "## Bad example", "## Good example", "## Configure the severity" })
            Assert.Contains("\n" + section + "\n", text, StringComparison.Ordinal);
        Assert.Contains($"dotnet_diagnostic.{id}.severity = ", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_bad_example_raises_it(string id)
    {
        var diagnostics = await AnalyzeExampleAsync(id, "## Bad example");
        Assert.Contains(diagnostics, d => d.Id == id);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task The_good_example_raises_neither_it_nor_any_other_warning(string id)
    {
        var diagnostics = await AnalyzeExampleAsync(id, "## Good example");
        Assert.DoesNotContain(diagnostics, d => d.Id == id);
        // Information (PIN012, PIN014) may remain where the page says so; nothing louder.
        Assert.DoesNotContain(diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
    }

    /// <summary>Compiles the page's first C# block under the heading with the runtime and runs every analyzer over it.</summary>
    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeExampleAsync(string id, string heading)
    {
        var text = File.ReadAllText(DocPath(id));
        var section = text.Substring(text.IndexOf("\n" + heading + "\n", StringComparison.Ordinal));
        var match = CSharpBlock().Match(section);
        Assert.True(match.Success, $"{id}: no ```csharp block under {heading}");

        var compilation = AllAnalyzers.Compile([match.Groups["code"].Value]);
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, $"{id} {heading} does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));

        var (_, diagnostics, exceptions) = await AllAnalyzers.RunAsync(compilation);
        Assert.Empty(exceptions);
        return diagnostics;
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    // ---- README --------------------------------------------------------------------------------------------------

    [Fact]
    public void README_lists_every_diagnostic_with_a_link_to_its_page()
    {
        var readme = File.ReadAllText(Path.Combine(RepoFiles.Root, "README.md"));
        var start = readme.IndexOf("\n## Diagnostics\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Diagnostics section");
        var next = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = next < 0 ? readme[start..] : readme[start..next];
        foreach (var descriptor in Descriptors)
        {
            Assert.Contains($"[{descriptor.Id}](docs/diagnostics/{descriptor.Id}.md)", section, StringComparison.Ordinal);
            var line = section.Split('\n').Single(l => l.Contains($"[{descriptor.Id}]", StringComparison.Ordinal));
            Assert.Contains(descriptor.DefaultSeverity.ToString().ToLowerInvariant(), line.ToLowerInvariant(), StringComparison.Ordinal);
        }
    }

    // ---- AnalyzerReleases.Unshipped.md ----------------------------------------------------------------------------

    [Fact]
    public void The_release_tracking_file_matches_the_catalogue()
    {
        var path = Path.Combine(RepoFiles.Root, "src", "Pinterest.Conversions.Generators", "AnalyzerReleases.Unshipped.md");
        var rows = File.ReadAllLines(path)
            .Where(l => l.StartsWith("PIN", StringComparison.Ordinal))
            .Select(l => l.Split('|').Select(c => c.Trim()).ToArray())
            .ToArray();
        Assert.Equal(Descriptors.Select(d => d.Id), rows.Select(r => r[0]));

        var analyzers = AllAnalyzers.Create();
        foreach (var row in rows)
        {
            var descriptor = Descriptor(row[0]);
            Assert.Equal(descriptor.Category, row[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), row[2]);

            // The notes start with the analyzers that report it.
            var named = row[3].Split(", ").TakeWhile(w => w.EndsWith("Analyzer", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
            var reporting = analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.Id == descriptor.Id)).Select(a => a.GetType().Name).Order(StringComparer.Ordinal);
            Assert.Equal(reporting, named);
        }

        var shipped = File.ReadAllText(Path.Combine(RepoFiles.Root, "src", "Pinterest.Conversions.Generators", "AnalyzerReleases.Shipped.md"));
        Assert.DoesNotContain("PIN0", shipped, StringComparison.Ordinal);
    }
}
