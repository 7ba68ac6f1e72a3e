namespace Pinterest.Conversions.Analyzers.Tests.Verifiers;

/// <summary>The repository the tests run from: found by walking up from the test assembly to Generators.sln.</summary>
internal static class RepoFiles
{
    public static string Root => Testing.DotnetCli.RepoRoot;
}
