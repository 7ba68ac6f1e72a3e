using System.Diagnostics;
using System.Text;

namespace Pinterest.Conversions.Testing;

/// <summary>Runs the dotnet CLI from tests that build real projects (consumer builds, packing), bounded in time.</summary>
internal static class DotnetCli
{
    /// <summary>The repository the tests run from: found by walking up from the test assembly to Generators.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; returns the exit code and the merged output.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunProcessAsync(DotnetPath(), timeout, environment, arguments);

    /// <summary>Runs <paramref name="fileName"/> (the dotnet CLI, or a program it built); returns the exit code and the merged output.</summary>
    public static async Task<(int ExitCode, string Output)> RunProcessAsync(string fileName, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test host may run inside an MSBuild-launched process: do not let its MSBuild settings leak in.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToArray())
            start.Environment.Remove(key);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;

        using var process = new Process { StartInfo = start };
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not finish in {timeout}:\n{log}");
        }
        process.WaitForExit(); // flush the redirected output
        lock (log) return (process.ExitCode, log.ToString());
    }

    /// <summary>The full path of an executable found on PATH (as <c>command -v</c> finds it), or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(path => File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0));

    /// <summary>A temp folder that stops MSBuild's upward search: no Directory.Build.props or central versions from above.</summary>
    public static string CreateIsolatedFolder(string prefix)
    {
        var directory = Path.Combine(Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project></Project>\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
        return directory;
    }

    /// <summary>Deletes a temp folder; a file still held open is left for the system to clean.</summary>
    public static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The dotnet running the tests (the test host is started by it), else the one on PATH.</summary>
    private static string DotnetPath() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
