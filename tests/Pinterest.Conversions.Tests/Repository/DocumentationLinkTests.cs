using System.Text.RegularExpressions;
using Pinterest.Conversions.Testing;
using Xunit;

namespace Pinterest.Conversions.Tests.Repository;

/// <summary>
/// Comments and docs point at what exists in this repository: every relative link of the Markdown pages reaches a file
/// (and a heading, when it names one), every <c>docs/….md</c> a comment or page names exists, and every § a page or
/// comment cites from docs/pinterest-api.md is a section there.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private static readonly string Root = DotnetCli.RepoRoot;

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", "TestResults"];

    [Fact]
    public void Every_relative_link_of_the_pages_reaches_a_file_and_its_heading()
    {
        var broken = new List<string>();
        foreach (var page in Pages())
        {
            var text = File.ReadAllText(page);
            foreach (Match link in MarkdownLink().Matches(WithoutCode(text)))
            {
                var target = link.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var path = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var file = path.Length == 0 ? page : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, path));
                if (!File.Exists(file) && !Directory.Exists(file)) broken.Add($"{Relative(page)}: {target} (no such file)");
                else if (anchor is not null && file.EndsWith(".md", StringComparison.Ordinal) && !Anchors(file).Contains(anchor))
                    broken.Add($"{Relative(page)}: {target} (no such heading)");
            }
        }

        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void Every_docs_page_a_comment_or_page_names_exists()
    {
        var missing = new List<string>();
        foreach (var file in TextFiles())
        {
            foreach (Match name in DocsPath().Matches(File.ReadAllText(file)))
            {
                if (!File.Exists(Path.Combine(Root, name.Value))) missing.Add($"{Relative(file)}: {name.Value}");
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void Every_section_cited_from_the_api_facts_page_is_one_of_its_headings()
    {
        var facts = Path.Combine(Root, "docs", "pinterest-api.md");
        var sections = File.ReadLines(facts)
            .Select(line => SectionHeading().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["number"].Value)
            .ToHashSet();
        Assert.Contains("3.2", sections); // the page has numbered headings at all

        var unknown = new List<string>();
        foreach (var file in TextFiles().Where(f => f != facts))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("pinterest-api.md", StringComparison.Ordinal)) continue; // § of other documents (FIPS 180-4)
            foreach (Match citation in Section().Matches(text))
            {
                if (!sections.Contains(citation.Groups["number"].Value)) unknown.Add($"{Relative(file)}: {citation.Value}");
            }
        }

        Assert.True(unknown.Count == 0, string.Join(Environment.NewLine, unknown));
    }

    [Theory]
    [InlineData("## The pipeline", "the-pipeline")]
    [InlineData("### 3.2 Errors", "32-errors")]
    [InlineData("## Keeping the click id: the `_epik` cookie", "keeping-the-click-id-the-_epik-cookie")]
    [InlineData("## Inspecting and repairing: `IPinterestOutbox`", "inspecting-and-repairing-ipinterestoutbox")]
    public void A_heading_becomes_the_anchor_GitHub_gives_it(string heading, string anchor) =>
        Assert.Equal(anchor, Anchor(heading.TrimStart('#').Trim()));

    private static IEnumerable<string> Pages() =>
        new[] { Path.Combine(Root, "README.md") }.Concat(Files(Path.Combine(Root, "docs"), "*.md"))
            .Concat(Files(Path.Combine(Root, "samples"), "*.md")).Concat(Files(Path.Combine(Root, "schema"), "*.md"));

    /// <summary>The repository's own text: sources, tests, samples, docs, the build files (not generated snapshots).</summary>
    private static IEnumerable<string> TextFiles() =>
        Pages().Concat(new[] { "src", "tests", "samples", "schema", "build", ".ci" }
                .SelectMany(folder => new[] { "*.cs", "*.csproj", "*.props", "*.targets", "*.sh", "*.py", "*.md", "run" }
                    .SelectMany(pattern => Files(Path.Combine(Root, folder), pattern))))
            .Concat(Directory.GetFiles(Root, "*.props"))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Snapshots{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Distinct();

    private static IEnumerable<string> Files(string folder, string pattern)
    {
        if (!Directory.Exists(folder)) yield break;
        foreach (var file in Directory.GetFiles(folder, pattern)) yield return file;
        foreach (var child in Directory.GetDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(child))) continue;
            foreach (var file in Files(child, pattern)) yield return file;
        }
    }

    private static HashSet<string> Anchors(string page) =>
        WithoutCode(File.ReadAllText(page)).Split('\n')
            .Where(line => line.StartsWith('#'))
            .Select(line => Anchor(line.TrimStart('#').Trim()))
            .ToHashSet();

    /// <summary>GitHub's rule: lower case, spaces to hyphens, every other character but letters, digits, '-' and '_' left out.</summary>
    private static string Anchor(string heading) =>
        new(heading.ToLowerInvariant().Replace(' ', '-').Where(c => char.IsLetterOrDigit(c) || c is '-' or '_').ToArray());

    /// <summary>The page without its fenced code blocks, whose '#' lines and brackets are code, not headings or links.</summary>
    private static string WithoutCode(string markdown) => FencedCode().Replace(markdown, "");

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    [GeneratedRegex(@"\[[^\]\n]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w/.-])docs/[\w./-]*\w\.md")]
    private static partial Regex DocsPath();

    [GeneratedRegex(@"^#{2,4} (?<number>\d+(\.\d+)*)\.? ")]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"§(?<number>\d+(\.\d+)*)")]
    private static partial Regex Section();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedCode();
}
