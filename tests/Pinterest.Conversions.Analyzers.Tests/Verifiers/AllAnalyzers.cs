using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Analyzers;

namespace Pinterest.Conversions.Analyzers.Tests.Verifiers;

/// <summary>Runs every analyzer of the toolkit over plain sources, outside the testing framework, and keeps what they throw.</summary>
internal static class AllAnalyzers
{
    /// <summary>Every analyzer type in the analyzer assembly (so one added later is covered too).</summary>
    public static IReadOnlyList<Type> Types { get; } = typeof(DiagnosticDescriptors).Assembly.GetTypes()
        .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    public static ImmutableArray<DiagnosticAnalyzer> Create() =>
        Types.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public static CSharpCompilation Compile(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest, IEnumerable<MetadataReference>? references = null)
    {
        var parseOptions = new CSharpParseOptions(version);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"/src/File{i}.cs"));
        return CSharpCompilation.Create("Consumer", trees, references ?? TestSetup.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    /// <summary>The analyzers' diagnostics and every exception an analyzer threw.</summary>
    public static async Task<(AnalysisResult Result, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Exceptions)> RunAsync(Compilation compilation)
    {
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(Create(), options);
        var result = await withAnalyzers.GetAnalysisResultAsync(CancellationToken.None);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        return (result, diagnostics, exceptions.ToArray());
    }
}
