using Pinterest.Conversions.Testing;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// One `dotnet pack` of every src project, shared by the tests of a class: a temp .slnx lists them, and the packages
/// land in the artifacts folder (artifacts/package/release), all of it under a temp folder. The analyzer and codegen
/// projects are listed too (they are not packable): referenced from outside a solution they would build in Debug.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    private static readonly string[] s_projects =
    [
        "Pinterest.Conversions", "Pinterest.Conversions.Hosting", "Pinterest.Conversions.AspNetCore", "Pinterest.Conversions.Sandbox",
        "Pinterest.Conversions.Generators", "Pinterest.Conversions.CodeFixes", "Pinterest.Conversions.SchemaCodegen",
    ];

    /// <summary>The temp folder; isolated from the repository's Directory.Build.props.</summary>
    public string Directory { get; } = DotnetCli.CreateIsolatedFolder("pin-package-");

    /// <summary>The folder holding the .nupkg and .snupkg files.</summary>
    public string Feed => Path.Combine(Directory, "artifacts", "package", "release");

    public int PackExitCode { get; private set; } = -1;

    public string PackLog { get; private set; } = "";

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
    }

    /// <summary>The one package <paramref name="id"/> in the feed (not a longer id that starts the same).</summary>
    public string Package(string id) =>
        System.IO.Directory.GetFiles(Feed, id + ".*.nupkg")
            .Single(f => char.IsDigit(Path.GetFileName(f)[(id.Length + 1)..][0]));

    public Task DisposeAsync()
    {
        DotnetCli.DeleteQuietly(Directory);
        return Task.CompletedTask;
    }
}
