using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// Checks where each wire value of an event comes from, inherited members included: an event_id (PIN003) from a
/// well-formed <c>EventIdFormat</c> (PIN005), one source per single-valued field (PIN004), and base-type members the
/// event can read (PIN002).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EventSourcesAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.MissingEventId, DiagnosticDescriptors.DuplicateSource,
        DiagnosticDescriptors.InvalidEventIdFormat, DiagnosticDescriptors.UnsupportedMemberType);

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
        var name = PinterestSymbols.NameLocation(type);
        var members = MappedMember.Collect(type, symbols.MapToAttribute, compilation, context.CancellationToken);

        // Inherited members the event cannot read (own ones are reported where they are written).
        foreach (var member in members.Where(m => !m.IsReadable && !SymbolEqualityComparer.Default.Equals(m.Symbol.ContainingType, type)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedMemberType, name,
                $"{member.Symbol.ContainingType?.Name}.{member.Name}", member.Type.ToDisplayString(), "PinterestField." + member.Field,
                $"a member '{type.Name}' can read (it is not accessible from the event type)"));
        }

        var format = attribute.NamedArguments.FirstOrDefault(a => a.Key == KnownNames.EventIdFormat).Value.Value as string;
        var eventIdMembers = members.Where(m => m.Field == PinterestField.EventId).ToArray();
        if (format is null && eventIdMembers.Length == 0)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingEventId, name, type.Name));

        if (format is not null)
        {
            var formatLocation = PinterestSymbols.ArgumentLocation(attribute, KnownNames.EventIdFormat, name);
            if (EventIdFormat.TryParse(format, out var error) is not { } parts)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidEventIdFormat, formatLocation, format, error));
            }
            else
            {
                foreach (var placeholder in parts.Where(p => p.Member is not null))
                {
                    var memberType = EventParser.FindReadableMember(type, placeholder.Member!, compilation);
                    var problem = memberType is null ? $"'{placeholder.Member}' is not a readable property or field of '{type.Name}' or its base types"
                        : !EventParser.CanBeFormatted(memberType) ? $"'{placeholder.Member}' is a {memberType.ToDisplayString()}, which cannot be formatted into an event_id"
                        : null;
                    if (problem is not null)
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidEventIdFormat, formatLocation, format, problem));
                }
            }
            if (eventIdMembers.Length > 0)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateSource, formatLocation,
                    "event_id", type.Name, $"'{eventIdMembers[0].Name}' is mapped to EventId and EventIdFormat is set"));
        }

        var actionSourceSet = attribute.NamedArguments.Any(a => a.Key == KnownNames.ActionSourceProperty);
        if (actionSourceSet && members.FirstOrDefault(m => m.Field == PinterestField.ActionSource) is { } sourceMember)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateSource,
                PinterestSymbols.ArgumentLocation(attribute, KnownNames.ActionSourceProperty, name),
                "action_source", type.Name, $"'{sourceMember.Name}' is mapped to ActionSource and the attribute sets ActionSource"));

        // Hashed fields take several members (each adds values); every other field takes one.
        ReportDuplicates(context, type, name, members, type);

        // The same for the line items: each Item field once on the element type of Contents (with its base types).
        foreach (var contents in members.Where(m => m.Field == PinterestField.Contents))
        {
            if (contents.Shape.Element is not INamedTypeSymbol element) continue;
            var items = MappedMember.Collect(element, symbols.MapToAttribute, compilation, context.CancellationToken)
                .Where(m => m.FieldInfo is { Scope: PinterestFieldScope.ContentsItem })
                .ToList();
            ReportDuplicates(context, type, PinterestSymbols.LocalTo(type, PinterestSymbols.NameLocation(contents.Symbol), name), items, element);
        }
    }

    /// <summary>PIN004 for single-valued fields mapped more than once among <paramref name="members"/> of <paramref name="owner"/>.</summary>
    private static void ReportDuplicates(SymbolAnalysisContext context, INamedTypeSymbol type, Location name, IReadOnlyList<MappedMember> members, INamedTypeSymbol owner)
    {
        foreach (var group in members.Where(m => m.FieldInfo is { IsHashed: false }).GroupBy(m => m.Field).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var again in group.Skip(1))
            {
                // A duplicate inherited from a base type is reported on the event type (a local diagnostic).
                var location = PinterestSymbols.AttributeLocation(again.Attribute, PinterestSymbols.NameLocation(again.Symbol));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateSource,
                    PinterestSymbols.LocalTo(type, location, name),
                    first.FieldInfo!.Path, owner.Name, $"'{first.Name}' and '{again.Name}' are both mapped to {group.Key}"));
            }
        }
    }
}
