using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// Checks the declaration of a [PinterestEvent] type: partial all the way out (PIN001), supported (PIN008),
/// advertiser-defined and run-time names (PIN013), offline events (PIN014), and the [PinterestEventName] member of an
/// event named at run time: missing (PIN017), doubled (PIN018), not a readable string (PIN019), or beside a name (PIN020).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventDeclarationAnalyzer : DiagnosticAnalyzer
{
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

    private static readonly ImmutableArray<DiagnosticDescriptor> s_supported = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial, DiagnosticDescriptors.UnsupportedDeclaration,
        DiagnosticDescriptors.CustomEventName, DiagnosticDescriptors.OfflineEvent,
        DiagnosticDescriptors.MissingEventNameMember, DiagnosticDescriptors.DuplicateEventNameMember,
        DiagnosticDescriptors.InvalidEventNameMember, DiagnosticDescriptors.EventNameDeclaredTwice);

    private static void Analyze(SymbolAnalysisContext context, PinterestSymbols symbols, Compilation compilation)
    {
        var type = (INamedTypeSymbol)context.Symbol;

        // PIN001 on a type that contains an event type is reported from the container's own symbol action, so that the
        // diagnostic is local to the symbol (IDE live analysis and code fixes only see local ones). The event type's
        // name is the additional location: the code fix starts there and makes the whole chain partial.
        if (type.DeclaringSyntaxReferences.Length > 0 && !DeclarationRules.IsPartial(type) && FirstNestedEvent(type, symbols) is { } nested)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartial, PinterestSymbols.NameLocation(type),
                new[] { PinterestSymbols.NameLocation(nested) }, type.Name, nested.Name));
        }

        if (symbols.EventAttributeOf(type) is not { } attribute) return;
        // The model builder's findings about the declaration: the ones the generator skips the type for, and PIN013/PIN014.
        var model = EventModelBuilder.Build(type, attribute, symbols, compilation, diagnose: true, context.CancellationToken);
        foreach (var diagnostic in model.Diagnostics)
        {
            if (s_supported.Contains(diagnostic.Descriptor)) context.ReportDiagnostic(diagnostic);
        }
    }

    /// <summary>The first [PinterestEvent] type declared inside <paramref name="container"/>, depth first, or null.</summary>
    private static INamedTypeSymbol? FirstNestedEvent(INamedTypeSymbol container, PinterestSymbols symbols)
    {
        foreach (var member in container.GetTypeMembers())
        {
            if (symbols.EventAttributeOf(member) is not null) return member;
            if (FirstNestedEvent(member, symbols) is { } deeper) return deeper;
        }
        return null;
    }
}
