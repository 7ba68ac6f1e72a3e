using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// Checks the declaration of a [PinterestEvent] type: partial all the way out (PIN001), supported (PIN008),
/// advertiser-defined names (PIN013) and offline events (PIN014).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NotPartial, DiagnosticDescriptors.UnsupportedDeclaration,
        DiagnosticDescriptors.CustomEventName, DiagnosticDescriptors.OfflineEvent);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (PinterestSymbols.Resolve(start.Compilation) is not { } symbols) return;
            var languageTooOld = start.Compilation is CSharpCompilation { LanguageVersion: var version }
                && (int)version < KnownNames.MinimumLanguageVersion * 100 ? version : (LanguageVersion?)null;
            start.RegisterSymbolAction(symbol => Analyze(symbol, symbols, languageTooOld), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, PinterestSymbols symbols, LanguageVersion? languageTooOld)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var isPartial = type.DeclaringSyntaxReferences.Length == 0 || EventParser.IsPartial(type);

        // PIN001 on a type that contains an event type is reported from the container's own symbol action, so that the
        // diagnostic is local to the symbol (IDE live analysis and code fixes only see local ones). The event type's
        // name is the additional location: the code fix starts there and makes the whole chain partial.
        if (!isPartial && FirstNestedEvent(type, symbols) is { } nested)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartial, PinterestSymbols.NameLocation(type),
                new[] { PinterestSymbols.NameLocation(nested) }, type.Name, nested.Name));
        }

        if (symbols.EventAttributeOf(type) is not { } attribute) return;
        var name = PinterestSymbols.NameLocation(type);
        if (!isPartial)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartial, name, type.Name, type.Name));

        foreach (var reason in UnsupportedReasons(type, attribute, languageTooOld, name))
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedDeclaration, reason.Location, type.Name, reason.Text));

        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string custom && EventParser.IsValidCustomEventName(custom))
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CustomEventName, PinterestSymbols.ArgumentLocation(attribute, null, name), custom));

        if (attribute.NamedArguments.Any(a => a.Key == KnownNames.ActionSourceProperty && a.Value.Value is int source && source == (int)ActionSource.Offline))
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OfflineEvent, name, type.Name));
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

    private static IEnumerable<(string Text, Location Location)> UnsupportedReasons(INamedTypeSymbol type, AttributeData attribute, LanguageVersion? languageTooOld, Location name)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            // Arity, not IsGenericType: IsGenericType is also true for a type nested in a generic one.
            if (current.Arity > 0)
            {
                yield return (SymbolEqualityComparer.Default.Equals(current, type) ? "generic event types are not supported" : $"it is nested in the generic type '{current.Name}'", name);
                break;
            }
        }
        if (type.IsRefLikeType) yield return ("a ref struct cannot implement IPinterestEvent", name);
        if (type.IsFileLocal) yield return ("a file-local type cannot be completed by generated code, which lives in another file", name);
        if (type.IsStatic) yield return ("a static class has no instances to send", name);
        else if (type.IsAbstract) yield return ("an abstract type has no instances to send: put [PinterestEvent] on the concrete type and keep shared members on the abstract base", name);
        if (languageTooOld is { } version)
            yield return ($"the generated code needs C# {KnownNames.MinimumLanguageVersion} or later, and this project uses C# {version.ToDisplayString()}", name);

        if (attribute.ConstructorArguments.Length == 1)
        {
            var argument = attribute.ConstructorArguments[0];
            var location = PinterestSymbols.ArgumentLocation(attribute, null, name);
            if (argument.Kind == TypedConstantKind.Enum && argument.Value is int id && PinterestSchema.GetWireName((EventName)id) is null)
                yield return ($"EventName {id} is not a defined event name", location);
            else if (argument.Value is string custom && !EventParser.IsValidCustomEventName(custom))
                yield return ($"\"{custom}\" is not a valid advertiser-defined event name (1 to 100 letters, digits, '_' or '-')", location);
            else if (argument.Value is null && argument.Kind != TypedConstantKind.Error)
                yield return ("the event name is null", location);
        }
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == KnownNames.ActionSourceProperty && named.Value.Value is int source && PinterestSchema.GetWireName((ActionSource)source) is null)
                yield return ($"ActionSource {source} is not a defined action source", PinterestSymbols.ArgumentLocation(attribute, named.Key, name));
        }
    }
}
