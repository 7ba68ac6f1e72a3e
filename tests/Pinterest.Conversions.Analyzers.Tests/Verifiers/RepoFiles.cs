namespace Pinterest.Conversions.Analyzers.Tests.Verifiers;

/// <summary>The repository the tests run from: found by walking up from the test assembly to Generators.sln.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Generators.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
