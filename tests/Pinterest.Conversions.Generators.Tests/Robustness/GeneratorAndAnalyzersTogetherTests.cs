using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Analyzers;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.Robustness;

/// <summary>
/// The generator skips a type silently and leaves the explaining to the analyzers; both decide through the same model
/// builder. Run together over the malformed-source corpus, they must agree: an event type the generator wrote nothing
/// for carries a PIN error, so a user never sees a type quietly left without its implementation. The one other
/// explanation accepted is the compiler's own error inside the <c>[PinterestEvent(...)]</c> attribute (no constructor
/// matches, an argument does not convert): then there are no arguments for an analyzer to read, and the build already
/// fails on the line to fix.
/// </summary>
public sealed class GeneratorAndAnalyzersTogetherTests
{
    private const string EventAttribute = "Pinterest.Conversions.PinterestEventAttribute";

    [Theory]
    [MemberData(nameof(MalformedSourceTests.Cases), MemberType = typeof(MalformedSourceTests))]
    public async Task An_event_type_without_generated_code_has_a_PIN_error(string name, string source, int? expectedSources)
    {
        _ = (name, expectedSources);
        await AssertEverySkippedEventTypeHasAPinError(GeneratorHarness.CreateCompilation(source));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10)]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp7_3)]
    public async Task A_language_version_too_old_for_the_generated_code_has_a_PIN_error(LanguageVersion version)
    {
        const string source = """
            namespace Shop
            {
                using Pinterest.Conversions;

                [PinterestEvent(EventName.Checkout)]
                public partial class Evt
                {
                    [MapTo(PinterestField.EventId)] public string Id { get; set; }
                    [MapTo(PinterestField.Email)] public string Email { get; set; }
                }
            }
            """;

        var skipped = await AssertEverySkippedEventTypeHasAPinError(GeneratorHarness.CreateCompilation([source], version, withGlobalUsings: false));

        Assert.Equal(["Evt"], skipped); // the check above really had a skipped type to look at
    }

    [Fact]
    public async Task A_valid_event_type_gets_generated_code_and_no_PIN_error()
    {
        // The other half of the agreement: nothing the analyzers flag as an error where the generator wrote code.
        var compilation = GeneratorHarness.CreateCompilation("""
            namespace Shop;
            [PinterestEvent(EventName.Checkout)]
            public partial record Evt
            {
                [MapTo(PinterestField.EventId)] public string? Id { get; init; }
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            }
            """);

        var skipped = await AssertEverySkippedEventTypeHasAPinError(compilation);
        var pinErrors = (await RunAnalyzersAsync(compilation)).Where(IsPinError);

        Assert.Empty(skipped);
        Assert.Empty(pinErrors);
    }

    /// <summary>
    /// Runs the generator and every analyzer over <paramref name="compilation"/>; fails when an event type (one carrying
    /// the runtime's <c>[PinterestEvent]</c>) got no generated declaration and no PIN error sits on it, on a type that
    /// contains it or on one of its base types. Returns the names of the event types the generator skipped.
    /// </summary>
    private static async Task<IReadOnlyList<string>> AssertEverySkippedEventTypeHasAPinError(CSharpCompilation compilation)
    {
        var run = GeneratorHarness.Run(compilation);
        var generatedTrees = run.Output.SyntaxTrees.Except(compilation.SyntaxTrees).ToHashSet();
        var pinErrors = (await RunAnalyzersAsync(compilation)).Where(IsPinError).ToArray();
        var compilerErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();

        var skipped = new List<string>();
        foreach (var type in EventTypes(compilation))
        {
            var output = run.Output.GetTypeByMetadataName(MetadataName(type));
            var generated = output is not null && output.DeclaringSyntaxReferences.Any(r => generatedTrees.Contains(r.SyntaxTree));
            if (generated) continue;

            skipped.Add(type.Name);
            var explaining = pinErrors.Where(d => Explains(d, type)).Concat(compilerErrors.Where(d => IsInEventAttribute(d, type))).ToArray();
            Assert.True(explaining.Length > 0,
                $"The generator wrote nothing for {type.ToDisplayString()} and no PIN error explains why.\n"
                + "PIN errors: " + string.Join("; ", pinErrors.Select(d => d.ToString())) + "\n"
                + "Compiler errors: " + string.Join("; ", compilerErrors.Select(d => d.ToString())));
        }
        return skipped;
    }

    private static bool IsPinError(Diagnostic diagnostic) =>
        diagnostic.Id.StartsWith("PIN", StringComparison.Ordinal) && diagnostic.Severity == DiagnosticSeverity.Error;

    /// <summary>The diagnostic sits inside a declaration of the type, of a type that contains it, or of a base type.</summary>
    private static bool Explains(Diagnostic diagnostic, INamedTypeSymbol type)
    {
        var related = new List<INamedTypeSymbol>();
        for (var containing = type; containing is not null; containing = containing.ContainingType) related.Add(containing);
        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType) related.Add(baseType.OriginalDefinition);

        return related.SelectMany(t => t.DeclaringSyntaxReferences).Any(reference =>
            reference.SyntaxTree == diagnostic.Location.SourceTree && reference.Span.Contains(diagnostic.Location.SourceSpan));
    }

    /// <summary>The compiler's error sits inside the type's own <c>[PinterestEvent(...)]</c> attribute.</summary>
    private static bool IsInEventAttribute(Diagnostic diagnostic, INamedTypeSymbol type) =>
        type.GetAttributes()
            .Where(a => a.AttributeClass?.ToDisplayString() == EventAttribute && a.ApplicationSyntaxReference is not null)
            .Any(a => a.ApplicationSyntaxReference!.SyntaxTree == diagnostic.Location.SourceTree
                && a.ApplicationSyntaxReference.Span.Contains(diagnostic.Location.SourceSpan));

    /// <summary>Every type declared in source with the runtime's event attribute, whatever else is wrong with it.</summary>
    private static IEnumerable<INamedTypeSymbol> EventTypes(CSharpCompilation compilation)
    {
        var attribute = compilation.GetTypeByMetadataName(EventAttribute);
        if (attribute is null) return [];
        var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is INamedTypeSymbol type
                    && type.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
                {
                    types.Add(type);
                }
            }
        }
        return types.OrderBy(t => t.ToDisplayString(), StringComparer.Ordinal);
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
            name = containing.MetadataName + "+" + name;
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() + "." + name : name;
    }

    private static async Task<ImmutableArray<Diagnostic>> RunAnalyzersAsync(Compilation compilation)
    {
        var analyzers = typeof(DiagnosticDescriptors).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (exception, _, _) => { lock (exceptions) exceptions.Add(exception); },
            concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.Empty(exceptions);
        return diagnostics;
    }
}
