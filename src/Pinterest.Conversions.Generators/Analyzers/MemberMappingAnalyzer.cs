using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// Checks each [MapTo] where it is written: a defined field (PIN008), a member type that can carry it (PIN002), and a
/// type where the field belongs (PIN006): line-item fields on the element type of Contents, other fields on an event
/// type or a base type of one. A [PinterestEventName] member outside an event type or a base of one is PIN006 too.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MemberMappingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedMemberType, DiagnosticDescriptors.MisplacedField, DiagnosticDescriptors.UnsupportedDeclaration);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (PinterestSymbols.Resolve(start.Compilation) is not { } symbols) return;

            // Whether a type is a base of an event type, or the element type of an event's Contents, is only known once
            // every type was seen.
            var baseTypesOfEvents = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            var contentsElements = new ConcurrentDictionary<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
            var candidates = new ConcurrentBag<(INamedTypeSymbol Type, MappedMember Member)>();
            var nameMarkers = new ConcurrentBag<(INamedTypeSymbol Type, MappedMember Member)>();

            start.RegisterSymbolAction(symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                var isEvent = symbols.EventAttributeOf(type) is not null;
                if (isEvent)
                {
                    for (var b = type.BaseType; b is not null; b = b.BaseType) baseTypesOfEvents[b.OriginalDefinition] = true;
                    foreach (var member in MappedMember.Collect(type, symbols.MapToAttribute, start.Compilation, symbolContext.CancellationToken))
                    {
                        if (member.Field == PinterestField.Contents && member.Shape.Element is INamedTypeSymbol element)
                            contentsElements[element.OriginalDefinition] = true;
                    }
                }
                // [PinterestEventName] outside an event is checked like a [MapTo] (on events, the model builder checks it).
                if (!isEvent && symbols.EventNameAttribute is { } nameMarker)
                {
                    foreach (var marker in OwnMembers(type, nameMarker, start.Compilation, symbolContext.CancellationToken)) nameMarkers.Add((type, marker));
                }
                foreach (var member in OwnMappedMembers(type, symbols, start.Compilation, symbolContext.CancellationToken))
                {
                    if (!CheckMember(symbolContext, member, symbols, start.Compilation)) continue;
                    var isItemField = member.FieldInfo!.Scope == PinterestFieldScope.ContentsItem;
                    if (isEvent && isItemField)
                        Report(symbolContext.ReportDiagnostic, member, type, "line-item fields belong on the element type of the Contents collection");
                    else if (!isEvent)
                        candidates.Add((type, member));
                }
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (type, marker) in nameMarkers)
                {
                    if (baseTypesOfEvents.ContainsKey(type.OriginalDefinition) || MayBeBaseTypeElsewhere(type)) continue;
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MisplacedField,
                        PinterestSymbols.AttributeLocation(marker.Attribute, PinterestSymbols.NameLocation(marker.Symbol)), "[PinterestEventName]", type.Name,
                        "the type is neither a [PinterestEvent] type nor a base type of one, so nothing would read the name"));
                }
                foreach (var (type, member) in candidates)
                {
                    var isBase = baseTypesOfEvents.ContainsKey(type.OriginalDefinition);
                    var isItemField = member.FieldInfo!.Scope == PinterestFieldScope.ContentsItem;
                    if (isItemField)
                    {
                        if (isBase)
                            Report(end.ReportDiagnostic, member, type, "line-item fields belong on the element type of the Contents collection, not on a base type of an event");
                    }
                    else if (contentsElements.ContainsKey(type.OriginalDefinition))
                    {
                        Report(end.ReportDiagnostic, member, type, "it is the element type of Contents, where only the Item fields (" + ItemFields + ") are read");
                    }
                    else if (!isBase && !MayBeBaseTypeElsewhere(type))
                    {
                        Report(end.ReportDiagnostic, member, type, "the type is neither a [PinterestEvent] type nor a base type of one, so nothing would write the field");
                    }
                }
            });
        });
    }

    private static readonly string ItemFields = string.Join(", ",
        PinterestSchema.Fields.Where(f => f.Scope == PinterestFieldScope.ContentsItem).Select(f => f.Field.ToString()));

    /// <summary>
    /// An abstract class that another assembly can derive from: a library of shared base types (the expected
    /// <c>abstract record WebEvent</c>) has no event type of its own, and its events live where it is referenced.
    /// </summary>
    private static bool MayBeBaseTypeElsewhere(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || !type.IsAbstract || type.IsSealed || type.IsStatic) return false;
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                return false;
        }
        return true;
    }

    /// <summary>Mapped members declared on this type itself (inherited ones are reported where they are written).</summary>
    private static IEnumerable<MappedMember> OwnMappedMembers(INamedTypeSymbol type, PinterestSymbols symbols, Compilation compilation, CancellationToken cancellationToken) =>
        OwnMembers(type, symbols.MapToAttribute, compilation, cancellationToken);

    /// <summary>Members declared on this type itself that carry <paramref name="attribute"/>.</summary>
    private static IEnumerable<MappedMember> OwnMembers(INamedTypeSymbol type, INamedTypeSymbol attribute, Compilation compilation, CancellationToken cancellationToken) =>
        MappedMember.Collect(type, attribute, compilation, cancellationToken)
            .Where(m => SymbolEqualityComparer.Default.Equals(m.Symbol.ContainingType ?? (m.Symbol as IParameterSymbol)?.ContainingSymbol.ContainingType, type));

    /// <summary>Reports PIN008 or PIN002 for the member (the rule the model builder skips an event for) and returns whether it is valid.</summary>
    private static bool CheckMember(SymbolAnalysisContext context, MappedMember member, PinterestSymbols symbols, Compilation compilation)
    {
        if (MemberRules.Check(member, symbols.MapToAttribute, compilation, PinterestSymbols.NameLocation(member.Symbol), context.CancellationToken) is not { } problem)
            return true;
        context.ReportDiagnostic(problem);
        return false;
    }

    private static void Report(Action<Diagnostic> report, MappedMember member, INamedTypeSymbol type, string why) =>
        report(Diagnostic.Create(DiagnosticDescriptors.MisplacedField,
            PinterestSymbols.AttributeLocation(member.Attribute, PinterestSymbols.NameLocation(member.Symbol)), "PinterestField." + member.Field, type.Name, why));
}
