using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// PIN016: with <c>[assembly: UsesPinterestTag(...)]</c>, every lower-funnel event the Tag fires (add to cart, checkout,
/// lead, signup) needs a [PinterestEvent] type in this compilation or its references, as the article's Good level asks.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TagCoverageAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.TagEventNotSent);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (PinterestSymbols.Resolve(start.Compilation) is not { UsesTagAttribute: { } usesTag } symbols) return;
            var declaration = MappedMember.FindAttribute(start.Compilation.Assembly.GetAttributes(), usesTag);
            if (declaration is null) return;

            var sent = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            start.RegisterSymbolAction(symbolContext =>
            {
                // An event named at run time is judged as custom-named: it covers no particular Tag event.
                if (symbols.EventAttributeOf((INamedTypeSymbol)symbolContext.Symbol) is { } attribute && DeclaredEvent.Read(attribute) is { WireName: { } wire })
                    sent[wire] = true;
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (var reference in end.Compilation.SourceModule.ReferencedAssemblySymbols)
                {
                    end.CancellationToken.ThrowIfCancellationRequested();
                    if (!ReferencesRuntime(reference)) continue;
                    foreach (var wire in EventNamesIn(reference.GlobalNamespace, symbols)) sent[wire] = true;
                }

                var location = PinterestSymbols.AttributeLocation(declaration, Location.None);
                var listed = TagEvents(declaration);
                var lowerFunnel = PinterestSchema.EventNames.Where(PinterestSchema.IsLowerFunnel).ToArray();
                if (listed.Count == 0)
                {
                    if (!lowerFunnel.Any(e => sent.ContainsKey(PinterestSchema.GetWireName(e)!)))
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TagEventNotSent, location, "lower-funnel events (add_to_cart, checkout, lead or signup)"));
                    return;
                }
                foreach (var name in listed.Where(PinterestSchema.IsLowerFunnel).Distinct())
                {
                    if (PinterestSchema.GetWireName(name) is { } wire && !sent.ContainsKey(wire))
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TagEventNotSent, location, wire));
                }
            });
        });
    }

    private static List<EventName> TagEvents(AttributeData declaration)
    {
        var names = new List<EventName>();
        foreach (var argument in declaration.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Array)
                names.AddRange(argument.Values.Where(v => v.Value is int).Select(v => (EventName)(int)v.Value!));
            else if (argument.Value is int single)
                names.Add((EventName)single);
        }
        return names;
    }

    private static bool ReferencesRuntime(IAssemblySymbol assembly) =>
        assembly.Modules.Any(m => m.ReferencedAssemblySymbols.Any(r => r.Name == "Pinterest.Conversions"));

    private static IEnumerable<string> EventNamesIn(INamespaceSymbol ns, PinterestSymbols symbols)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol inner)
            {
                foreach (var name in EventNamesIn(inner, symbols)) yield return name;
            }
            else if (member is INamedTypeSymbol type)
            {
                foreach (var name in EventNamesIn(type, symbols)) yield return name;
            }
        }
    }

    private static IEnumerable<string> EventNamesIn(INamedTypeSymbol type, PinterestSymbols symbols)
    {
        if (symbols.EventAttributeOf(type) is { } attribute && DeclaredEvent.Read(attribute) is { WireName: { } wire }) yield return wire;
        foreach (var nested in type.GetTypeMembers())
        {
            foreach (var name in EventNamesIn(nested, symbols)) yield return name;
        }
    }
}
