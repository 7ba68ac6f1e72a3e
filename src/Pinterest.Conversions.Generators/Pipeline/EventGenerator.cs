using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pinterest.Conversions.Generators.Emitting;
using Pinterest.Conversions.Generators.Model;
using Pinterest.Conversions.Generators.Parsing;

namespace Pinterest.Conversions.Generators.Pipeline;

/// <summary>
/// Emits the <c>IPinterestEvent</c> implementation (prepare and write steps, event_id, Tag data) for every
/// <c>[PinterestEvent]</c> type. Reports nothing: a type it cannot handle is skipped and the analyzers explain why,
/// from the same model builder.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // One transform per type, reference types all along: each extra step or value-type payload costs the compiler
        // the JIT of Roslyn's generic pipeline code for it, in every build (docs/benchmarks.md, (c)).
        var specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.PinterestEventAttribute,
                static (node, _) => node is TypeDeclarationSyntax,
                static (ctx, cancellationToken) => EventModelBuilder.BuildSpec(ctx, cancellationToken))
            .WithTrackingName(TrackingNames.EventSpecs);

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
    /// (ordered by their exact full name, so the result does not depend on declaration order). Skipped types (null) drop out.
    /// </summary>
    internal static IEnumerable<EmittableEvent> WithUniqueHintNames(ImmutableArray<EventSpec?> specs)
    {
        foreach (var group in specs.Where(s => s is not null).GroupBy(s => s!.HintName, StringComparer.OrdinalIgnoreCase))
        {
            var index = 0;
            foreach (var spec in group.OrderBy(FullName, StringComparer.Ordinal))
            {
                index++;
                yield return new EmittableEvent(spec!, index == 1 ? spec!.HintName
                    : spec!.HintName.Substring(0, spec.HintName.Length - SpecBuilder.HintNameSuffix.Length) + "." + index.ToString(CultureInfo.InvariantCulture) + SpecBuilder.HintNameSuffix);
            }
        }
    }

    private static string FullName(EventSpec? spec) =>
        string.Join(".", new[] { spec!.Namespace ?? "" }.Concat(spec.ContainingTypes.Select(t => t.Name)).Append(spec.Type.Name));
}
