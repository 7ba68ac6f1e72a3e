using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// Checks where each wire value of an event comes from, inherited members included: an event_id (PIN003) from a
/// well-formed <c>EventIdFormat</c> (PIN005), one source per single-valued field (PIN004), and base-type members the
/// event can read (PIN002). The findings are the model builder's, the one the generator uses.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventSourcesAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<DiagnosticDescriptor> s_supported = ImmutableArray.Create(
        DiagnosticDescriptors.MissingEventId, DiagnosticDescriptors.DuplicateSource,
        DiagnosticDescriptors.InvalidEventIdFormat, DiagnosticDescriptors.UnsupportedMemberType);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => s_supported;

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (PinterestSymbols.Resolve(start.Compilation) is not { } symbols) return;
            start.RegisterSymbolAction(symbol => Analyze(symbol, symbols, start.Compilation), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, PinterestSymbols symbols, Compilation compilation)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (symbols.EventAttributeOf(type) is not { } attribute) return;
        var model = EventModelBuilder.Build(type, attribute, symbols, compilation, diagnose: true, context.CancellationToken);
        foreach (var diagnostic in model.Diagnostics)
        {
            if (s_supported.Contains(diagnostic.Descriptor)) context.ReportDiagnostic(diagnostic);
        }
    }
}
