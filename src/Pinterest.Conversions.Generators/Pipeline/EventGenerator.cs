using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pinterest.Conversions.Generators.Emitting;
using Pinterest.Conversions.Generators.Model;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Pipeline;

/// <summary>
/// Emits the <c>IPinterestEvent</c> implementation (serializer, event_id builder, Tag data) for every
/// <c>[PinterestEvent]</c> type. Reports nothing: a type it cannot handle is skipped and the analyzers explain why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var languageSupported = context.CompilationProvider
            .Select(static (compilation, _) => compilation is CSharpCompilation { LanguageVersion: var version }
                && (int)version >= KnownNames.MinimumLanguageVersion * 100)
            .WithTrackingName(TrackingNames.LanguageVersion);

        var specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.PinterestEventAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, cancellationToken) => ctx.TargetSymbol is INamedTypeSymbol type
                    ? EventParser.Parse(type, ctx.SemanticModel.Compilation, cancellationToken)
                    : null)
            .WithTrackingName(TrackingNames.EventSpecs)
            .Combine(languageSupported)
            .Where(static pair => pair.Left is not null && pair.Right)
            .Select(static (pair, _) => pair.Left!);

        // Hint names must be unique ignoring case (Evt and EVT may both exist): the set is looked at once, then each event
        // flows on alone, so an unchanged event keeps its cached source when another one changes.
        var events = specs
            .Collect()
            .SelectMany(static (all, _) => WithUniqueHintNames(all))
            .WithTrackingName(TrackingNames.EmittableSpecs);

        context.RegisterSourceOutput(events, static (output, evt) => output.AddSource(evt.HintName, EventEmitter.Emit(evt.Spec)));
    }

    /// <summary>
    /// Gives each event its hint name, adding ".2", ".3", ... to the second and later of names equal ignoring case
    /// (ordered by their exact full name, so the result does not depend on declaration order).
    /// </summary>
    internal static IEnumerable<EmittableEvent> WithUniqueHintNames(ImmutableArray<EventSpec> specs)
    {
        foreach (var group in specs.GroupBy(s => s.HintName, StringComparer.OrdinalIgnoreCase))
        {
            var index = 0;
            foreach (var spec in group.OrderBy(FullName, StringComparer.Ordinal))
            {
                index++;
                yield return new EmittableEvent(spec, index == 1 ? spec.HintName
                    : spec.HintName.Substring(0, spec.HintName.Length - EventParser.HintNameSuffix.Length) + "." + index.ToString(CultureInfo.InvariantCulture) + EventParser.HintNameSuffix);
            }
        }
    }

    private static string FullName(EventSpec spec) =>
        string.Join(".", new[] { spec.Namespace ?? "" }.Concat(spec.ContainingTypes.Select(t => t.Name)).Append(spec.Type.Name));
}
