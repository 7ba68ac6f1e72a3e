using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Pinterest.Conversions.Analyzers.Tests.Verifiers;

/// <summary>
/// Runs one analyzer over test code with markup (<c>{|PIN001:Name|}</c>, <c>[|...|]</c>) and compares the diagnostics,
/// in the manner of NetEscapades.EnumGenerators' analyzer tests.
/// </summary>
public static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic of the analyzer's only (or given) descriptor, to complete with location and arguments.</summary>
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Verifies that <paramref name="source"/> yields exactly the markup diagnostics and <paramref name="expected"/>.</summary>
    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The test with the project's references, nullable on, an optional C# version and .editorconfig.</summary>
    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test()
        {
            ReferenceAssemblies = TestSetup.ReferenceAssemblies;
            TestSetup.AddReferences(TestState);
        }

        /// <summary>The C# version of the test project; latest unless set.</summary>
        public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Latest;

        /// <summary>Adds an .editorconfig at the root that applies to every C# file.</summary>
        public Test WithEditorConfig(params string[] lines)
        {
            TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + string.Join("\n", lines) + "\n"));
            return this;
        }

        protected override Project ApplyCompilationOptions(Project project) => TestSetup.WithoutForcedDefaults(base.ApplyCompilationOptions(project));

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.WithNullable(base.CreateCompilationOptions());

        protected override ParseOptions CreateParseOptions() =>
            ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
    }
}
