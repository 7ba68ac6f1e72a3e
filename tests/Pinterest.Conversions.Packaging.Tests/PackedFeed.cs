using Pinterest.Conversions.Testing;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// One `dotnet pack` of every src project, shared by every test class of the collection <see cref="Collection"/>: a
/// temp .slnx lists them, and the packages land in the artifacts folder (artifacts/package/release), all of it under a
/// temp folder. The analyzer and codegen projects are listed too (they are not packable): referenced from outside a
/// solution they would build in Debug.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    /// <summary>The xunit collection whose classes share this one pack (and so run one after the other).</summary>
    public const string Collection = "Packed feed";

    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    private static readonly string[] s_projects =
    [
        "Pinterest.Conversions", "Pinterest.Conversions.Hosting", "Pinterest.Conversions.AspNetCore", "Pinterest.Conversions.Sandbox",
        "Pinterest.Conversions.Outbox.Sqlite", "Pinterest.Conversions.Outbox.PostgreSql", "Pinterest.Conversions.Sandbox.Tool",
        "Pinterest.Conversions.Generators", "Pinterest.Conversions.CodeFixes", "Pinterest.Conversions.SchemaCodegen",
    ];

    /// <summary>The temp folder; isolated from the repository's Directory.Build.props.</summary>
    public string Directory { get; } = DotnetCli.CreateIsolatedFolder("pin-package-");

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string Feed => Path.Combine(Directory, "artifacts", "package", "release");

    /// <summary>
    /// The consumers' own package cache (their NUGET_PACKAGES): the packages under test come from <see cref="Feed"/>, never
    /// from an earlier run or from the machine's cache.
    /// </summary>
    public string ConsumerPackages => Path.Combine(Directory, "packages");

    public int PackExitCode { get; private set; } = -1;

    public string PackLog { get; private set; } = "";

    /// <summary>
    /// The machine's NuGet global packages folder (<c>dotnet nuget locals global-packages --list</c>), read as an offline
    /// source of the third-party packages our packages depend on: the repository's own restore put them there.
    /// </summary>
    public string PackageCache { get; private set; } = "";

    /// <summary>The package sources the machine's NuGet configuration enables (<c>dotnet nuget list source</c>).</summary>
    public IReadOnlyList<string> RegistrySources { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var solution = Path.Combine(Directory, "Pack.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(s_projects.Select(p =>
            $"  <Project Path=\"{Path.Combine(DotnetCli.RepoRoot, "src", p, p + ".csproj")}\" />\n")) + "</Solution>\n");
        (PackExitCode, PackLog) = await DotnetCli.RunAsync(s_timeout, null,
            "pack", solution, "-c", "Release",
            // Every intermediate file under the temp folder: the repository's bin/obj stay untouched.
            "--artifacts-path", Path.Combine(Directory, "artifacts"),
            "--disable-build-servers", "-nologo");

        var (_, locals) = await DotnetCli.RunAsync(TimeSpan.FromMinutes(1), null, "nuget", "locals", "global-packages", "--list");
        PackageCache = locals.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("global-packages:", StringComparison.Ordinal))
            .Select(l => l["global-packages:".Length..].Trim())
            .FirstOrDefault() ?? "";

        // "E https://api.nuget.org/v3/index.json": enabled sources only.
        var (_, sources) = await DotnetCli.RunAsync(TimeSpan.FromMinutes(1), null, "nuget", "list", "source", "--format", "short");
        RegistrySources = sources.Split('\n').Select(l => l.Trim())
            .Where(l => l.StartsWith("E ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim())
            .ToArray();
    }

    /// <summary>The one package <paramref name="id"/> in the feed (not a longer id that starts the same).</summary>
    public string Package(string id) =>
        System.IO.Directory.GetFiles(Feed, id + ".*.nupkg")
            .Single(f => char.IsDigit(Path.GetFileName(f)[(id.Length + 1)..][0]));

    /// <summary>The version of the packages in the feed (all are packed with one version).</summary>
    public string Version => Path.GetFileNameWithoutExtension(Package("Pinterest.Conversions"))["Pinterest.Conversions.".Length..];

    public Task DisposeAsync()
    {
        DotnetCli.DeleteQuietly(Directory);
        return Task.CompletedTask;
    }
}

/// <summary>Every class of this collection shares one <see cref="PackedFeed"/>: every package is packed once per run.</summary>
[CollectionDefinition(PackedFeed.Collection)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>;
