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
            .Select(static (pair, _) => pair.Left!)
            .WithTrackingName(TrackingNames.EmittableSpecs);

        context.RegisterSourceOutput(specs, static (output, spec) => output.AddSource(spec.HintName, EventEmitter.Emit(spec)));
    }
}
