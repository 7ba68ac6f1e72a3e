using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// Judges what an event type maps with the runtime's resilience model (<see cref="PinterestResilience"/>, linked source):
/// never sendable (PIN007), checkout without email or mobile ad id (PIN010), no IP and user agent (PIN011), Good but not
/// Great (PIN012), and Limited Data Processing without state and country (PIN015).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ResilienceAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.NeverSendable, DiagnosticDescriptors.CheckoutWithoutEmail, DiagnosticDescriptors.MissingIpOrUserAgent,
        DiagnosticDescriptors.GoodNotGreat, DiagnosticDescriptors.OptOutWithoutRegion);

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
        if (symbols.EventAttributeOf(type) is not { } attribute || DeclaredEvent.Read(attribute) is not { } declared) return;
        var name = PinterestSymbols.NameLocation(type);
        var members = MappedMember.Collect(type, symbols.MapToAttribute, compilation, context.CancellationToken)
            // Only what the event can write counts: a member of the wrong type or one it cannot read (PIN002) adds no signal.
            .Where(m => m.IsReadable && m.FieldInfo is { } info && FieldTypeRules.Accepts(info, m.Shape))
            .ToList();

        var signals = PinterestSignals.None;
        foreach (var member in members) signals |= member.FieldInfo!.Signal;

        if (!PinterestResilience.HasEmailOrMobileAdId(signals) && !PinterestResilience.HasIpAndUserAgent(signals))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NeverSendable, name, type.Name));
        }
        else
        {
            // An advertiser-defined name equal to a standard wire name ("checkout") is that event on the wire; a name
            // chosen at run time is unknown here and judged as an advertiser-defined one.
            var eventName = declared.StandardName is { } standard ? (EventName?)Enum.Parse(typeof(EventName), standard)
                : declared.WireName is { } wire ? PinterestSchema.FindEventName(wire) : null;
            var sourceMapped = members.Any(m => m.Field == PinterestField.ActionSource);
            var assessment = PinterestResilience.AssessEvent(signals, eventName, declared.ActionSource);

            if ((assessment.Gaps & ResilienceGaps.CheckoutWithoutEmailOrMobileAdId) != 0)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.CheckoutWithoutEmail, name, type.Name));
            if ((assessment.Gaps & ResilienceGaps.IpAndUserAgentMissing) != 0 && !sourceMapped)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingIpOrUserAgent, name, type.Name, MissingIpOrUserAgent(signals)));
            if (assessment.Level == ResilienceLevel.Good)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GoodNotGreat, name, type.Name, SignalList(assessment.MissingSignals)));
        }

        foreach (var optOut in members.Where(m => m.Field is PinterestField.LimitedDataProcessing or PinterestField.OptOutType))
        {
            var missing = (signals & PinterestSignals.State) == 0
                ? (signals & PinterestSignals.Country) == 0 ? "State and Country" : "State"
                : (signals & PinterestSignals.Country) == 0 ? "Country" : null;
            if (missing is not null)
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.OptOutWithoutRegion,
                    PinterestSymbols.LocalTo(type, PinterestSymbols.NameLocation(optOut.Symbol), name), type.Name, optOut.Field.ToString(), missing));
        }
    }

    private static string MissingIpOrUserAgent(PinterestSignals signals) =>
        (signals & PinterestSignals.ClientIpAddress) == 0
            ? (signals & PinterestSignals.ClientUserAgent) == 0 ? "ClientIpAddress and ClientUserAgent" : "ClientIpAddress"
            : "ClientUserAgent";

    /// <summary>The signals as PinterestField names in schema order, such as "ExternalId, Phone, Zip".</summary>
    internal static string SignalList(PinterestSignals signals) =>
        string.Join(", ", PinterestSchema.Fields.Where(f => f.Signal != PinterestSignals.None && (signals & f.Signal) != 0).Select(f => f.Field.ToString()));
}
