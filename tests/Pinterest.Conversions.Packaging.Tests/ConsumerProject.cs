using System.Xml.Linq;
using Pinterest.Conversions.Testing;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>Where a consumer restores the packages that are not ours from.</summary>
public enum ThirdPartySources
{
    /// <summary>Nowhere: the consumer needs nothing but our packages.</summary>
    None,

    /// <summary>The machine's global packages folder, read as an offline folder source.</summary>
    PackageCache,

    /// <summary>The package cache and the registries the machine's NuGet configuration enables (for packages the repository's restore never fetched).</summary>
    PackageCacheAndRegistries,
}

/// <summary>
/// A fresh project in its own folder under the packed feed's temp folder, with a nuget.config whose package source
/// mapping takes <c>Pinterest.*</c> from the packed feed only: whatever else the machine holds, the packages under test
/// are the ones just packed.
/// </summary>
public sealed class ConsumerProject
{
    private readonly PackedFeed _packed;

    private ConsumerProject(PackedFeed packed, string directory, string projectFile)
    {
        _packed = packed;
        Directory = directory;
        ProjectFile = projectFile;
    }

    public string Directory { get; }

    public string ProjectFile { get; }

    /// <summary>Writes <paramref name="name"/>.csproj, <paramref name="files"/> (relative path → text) and the nuget.config.</summary>
    public static ConsumerProject Create(PackedFeed packed, string name, string project, IReadOnlyDictionary<string, string> files, ThirdPartySources thirdParty)
    {
        var directory = Path.Combine(packed.Directory, name);
        System.IO.Directory.CreateDirectory(directory);

        var sources = new List<(string Key, string Value, string Pattern)> { ("packed", packed.Feed, "Pinterest.*") };
        if (thirdParty is not ThirdPartySources.None)
        {
            Assert.True(System.IO.Directory.Exists(packed.PackageCache), $"the global packages folder '{packed.PackageCache}' was not found");
            sources.Add(("package-cache", packed.PackageCache, "*"));
        }
        if (thirdParty is ThirdPartySources.PackageCacheAndRegistries)
        {
            Assert.NotEmpty(packed.RegistrySources);
            sources.AddRange(packed.RegistrySources.Select((s, i) => ($"registry-{i}", s, "*")));
        }
        var config = new XDocument(new XElement("configuration",
            new XElement("packageSources", new XElement("clear"),
                sources.Select(s => new XElement("add", new XAttribute("key", s.Key), new XAttribute("value", s.Value)))),
            // The most specific pattern wins: Pinterest.* never comes from the cache or a registry.
            new XElement("packageSourceMapping",
                sources.Select(s => new XElement("packageSource", new XAttribute("key", s.Key),
                    new XElement("package", new XAttribute("pattern", s.Pattern)))))));
        config.Save(Path.Combine(directory, "nuget.config"));

        var projectFile = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(projectFile, project.Replace("$(PinterestVersion)", packed.Version, StringComparison.Ordinal));
        foreach (var (path, text) in files)
        {
            var full = Path.Combine(directory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
        return new ConsumerProject(packed, directory, projectFile);
    }

    /// <summary>
    /// Runs <c>dotnet <paramref name="command"/> &lt;project&gt; <paramref name="arguments"/></c> with the consumers' own
    /// package cache (<c>run</c> takes the project as <c>--project</c>).
    /// </summary>
    public Task<(int ExitCode, string Output)> DotnetAsync(TimeSpan timeout, string command, params string[] arguments) =>
        DotnetCli.RunAsync(timeout, new Dictionary<string, string> { ["NUGET_PACKAGES"] = _packed.ConsumerPackages },
            [command, .. command == "run" ? new[] { "--project" } : [], ProjectFile, "--disable-build-servers", "-nologo", .. arguments]);
}
