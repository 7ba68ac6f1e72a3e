using System.Text.Json;

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>
/// Pinterest's request schema (ConversionEvents, OpenAPI 5.23.0), embedded from
/// <c>schema/pinterest/openapi-conversion-events.schema.json</c> and compiled once.
/// </summary>
internal static class RequestSchema
{
    internal const string ResourceName = "Pinterest.Conversions.Sandbox.openapi-conversion-events.schema.json";

    private static readonly Lazy<SchemaNode> s_root = new(Load);

    /// <summary>The compiled schema.</summary>
    public static SchemaNode Root => s_root.Value;

    /// <summary>The schema's text, as embedded.</summary>
    public static string ReadText()
    {
        using var stream = typeof(RequestSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SchemaNode Load()
    {
        using var document = JsonDocument.Parse(ReadText());
        return SchemaNode.Compile(document.RootElement);
    }
}
