using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pinterest.Conversions.Generators.Pipeline;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests;

/// <summary>What one generator run produced, after the harness checked that a second run was served from the cache.</summary>
internal sealed record GeneratorRun(
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriverRunResult Result,
    ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>Generated sources by hint name, in the generator's order.</summary>
    public IReadOnlyList<(string HintName, string Text)> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())).ToArray();

    /// <summary>Every diagnostic of the compilation that includes the generated code, except hidden ones (unused usings).</summary>
    public IReadOnlyList<Diagnostic> CompilationDiagnostics =>
        Output.GetDiagnostics().Where(d => d.Severity != DiagnosticSeverity.Hidden).ToArray();
}

/// <summary>
/// Runs <see cref="EventGenerator"/> in-process over a compilation against the .NET 10 reference assemblies and the
/// runtime library. Every run is done twice, NetEscapades-style: the second run over a clone of the compilation must be
/// served from the cache (every tracked step Cached or Unchanged), must produce the same outputs, and no tracked step
/// may hold a symbol, a syntax node, a semantic model or a compilation.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The tracking names of the generator's pipeline, as the generator declares them.</summary>
    public static readonly string[] TrackingNamesOfPipeline =
        typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

    /// <summary>Usings every test source gets, as a separate file (so unused ones only raise hidden diagnostics).</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Collections.Immutable;
        global using System.Linq;
        global using Pinterest.Conversions;
        """;

    public static readonly IReadOnlyList<MetadataReference> References =
    [
        .. Basic.Reference.Assemblies.Net100.References.All,
        MetadataReference.CreateFromFile(typeof(IPinterestEvent).Assembly.Location),
    ];

    public static CSharpParseOptions ParseOptions(LanguageVersion version = LanguageVersion.Latest) => new(version);

    /// <summary>Nullable on, every warning (at the highest warning level) an error: what the generated code must pass.</summary>
    public static readonly CSharpCompilationOptions StrictOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        generalDiagnosticOption: ReportDiagnostic.Error,
        warningLevel: 9999,
        allowUnsafe: true,
        deterministic: true);

    private static int s_assemblyCounter;

    /// <summary>A compilation of <paramref name="sources"/> (plus <see cref="GlobalUsings"/>), not yet run through the generator.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest, bool withGlobalUsings = true)
    {
        var options = ParseOptions(version);
        var trees = sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, options, path: $"Source{i}.cs")).ToList();
        if (withGlobalUsings) trees.Add(CSharpSyntaxTree.ParseText(GlobalUsings, options, path: "GlobalUsings.cs"));
        return CSharpCompilation.Create(
            "GeneratorTest" + Interlocked.Increment(ref s_assemblyCounter),
            trees,
            References,
            StrictOptions);
    }

    public static CSharpCompilation CreateCompilation(string source, LanguageVersion version = LanguageVersion.Latest) =>
        CreateCompilation([source], version);

    public static GeneratorDriver CreateDriver(CSharpParseOptions parseOptions) =>
        CSharpGeneratorDriver.Create(
            [new EventGenerator().AsSourceGenerator()],
            parseOptions: parseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="source"/> twice (the cache checks above) and returns the first run.</summary>
    public static GeneratorRun Run(string source, LanguageVersion version = LanguageVersion.Latest) =>
        Run(CreateCompilation(source, version));

    public static GeneratorRun Run(IEnumerable<string> sources, LanguageVersion version = LanguageVersion.Latest) =>
        Run(CreateCompilation(sources, version));

    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        var parseOptions = (CSharpParseOptions)compilation.SyntaxTrees.First().Options;
        var driver = CreateDriver(parseOptions);
        var clone = compilation.Clone();

        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var first = driver.GetRunResult();
        var second = driver.RunGenerators(clone).GetRunResult();

        AssertNoGeneratorFailure(first, diagnostics);
        AssertRunsEqual(first, second);
        AssertServedFromCache(second);
        return new GeneratorRun(compilation, output, first, diagnostics);
    }

    /// <summary>The generator threw nothing and the compiler reported no generator or analyzer failure.</summary>
    public static void AssertNoGeneratorFailure(GeneratorDriverRunResult result, ImmutableArray<Diagnostic> driverDiagnostics)
    {
        foreach (var generatorResult in result.Results)
            Assert.True(generatorResult.Exception is null, $"The generator threw: {generatorResult.Exception}");
        var failures = driverDiagnostics.Concat(result.Diagnostics).Where(d => d.Id is "CS8784" or "CS8785" or "AD0001").ToArray();
        Assert.True(failures.Length == 0, "Generator failure: " + string.Join("; ", failures.Select(d => d.ToString())));
        Assert.True(result.Diagnostics.IsEmpty, "The generator reports no diagnostics (the analyzers do): " + string.Join("; ", result.Diagnostics));
    }

    /// <summary>Both runs produced the same sources, and the same values at every tracked step.</summary>
    public static void AssertRunsEqual(GeneratorDriverRunResult first, GeneratorDriverRunResult second)
    {
        Assert.Equal(
            first.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())),
            second.Results.SelectMany(r => r.GeneratedSources).Select(s => (s.HintName, s.SourceText.ToString())));

        var firstSteps = TrackedSteps(first);
        var secondSteps = TrackedSteps(second);
        Assert.Equal(firstSteps.Keys.Order(), secondSteps.Keys.Order());
        foreach (var (name, steps) in firstSteps)
        {
            var otherSteps = secondSteps[name];
            Assert.Equal(steps.Length, otherSteps.Length);
            for (var i = 0; i < steps.Length; i++)
            {
                var outputs = steps[i].Outputs.Select(o => o.Value).ToArray();
                var otherOutputs = otherSteps[i].Outputs.Select(o => o.Value).ToArray();
                Assert.Equal(outputs, otherOutputs);
                foreach (var value in outputs) AssertHoldsNoCompilationObjects(value, name);
            }
        }
    }

    /// <summary>Every output of every tracked step (and every source output) of a repeated run is Cached or Unchanged.</summary>
    public static void AssertServedFromCache(GeneratorDriverRunResult result)
    {
        foreach (var (name, steps) in TrackedSteps(result))
        {
            foreach (var output in steps.SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"Step {name} re-ran on an unchanged input: {output.Reason} ({output.Value})");
            }
        }
        foreach (var output in result.Results.SelectMany(r => r.TrackedOutputSteps).SelectMany(s => s.Value).SelectMany(s => s.Outputs))
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
    }

    /// <summary>The generator's own named steps (the others are Roslyn's).</summary>
    public static Dictionary<string, ImmutableArray<IncrementalGeneratorRunStep>> TrackedSteps(GeneratorDriverRunResult result) =>
        result.Results.SelectMany(r => r.TrackedSteps)
            .Where(s => TrackingNamesOfPipeline.Contains(s.Key))
            .ToDictionary(s => s.Key, s => s.Value);

    /// <summary>
    /// Walks a step's output (through properties, fields, tuples and collections) and fails on any ISymbol, SyntaxNode,
    /// SemanticModel or Compilation: holding one keeps whole compilations alive and defeats the cache.
    /// </summary>
    public static void AssertHoldsNoCompilationObjects(object? value, string stepName)
    {
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        Walk(value, stepName);

        void Walk(object? node, string path)
        {
            if (node is null) return;
            var type = node.GetType();
            Assert.False(IsBanned(type), $"Step output holds a {type.FullName} at {path}");
            if (type.IsPrimitive || type.IsEnum || node is string || node is decimal) return;
            if (!type.IsValueType && !visited.Add(node)) return;

            if (node is IEnumerable items)
            {
                var index = 0;
                foreach (var item in items) Walk(item, $"{path}[{index++}]");
            }
            for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
            {
                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    Assert.False(IsBanned(field.FieldType), $"Step output type {current.FullName} declares a {field.FieldType.FullName} field {field.Name} (at {path})");
                    Walk(field.GetValue(node), $"{path}.{field.Name}");
                }
            }
        }
    }

    /// <summary>Types that must never appear in a pipeline model.</summary>
    public static bool IsBanned(Type type) =>
        typeof(ISymbol).IsAssignableFrom(type)
        || typeof(SyntaxNode).IsAssignableFrom(type)
        || typeof(SemanticModel).IsAssignableFrom(type)
        || typeof(Compilation).IsAssignableFrom(type)
        || type == typeof(SyntaxTree) || typeof(SyntaxTree).IsAssignableFrom(type);
}
