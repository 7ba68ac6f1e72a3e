using Microsoft.CodeAnalysis;

namespace Pinterest.Conversions.Generators.Pipeline;

/// <summary>Emits serializers, event_id builders and Tag data for every <c>[PinterestEvent]</c> type.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class EventGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The pipeline arrives with the generator issue; the schema tables are already compiled in.
    }
}
