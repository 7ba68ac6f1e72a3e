using System.Text.Json;
using Json.Schema;

namespace Pinterest.Conversions.Testing;

/// <summary>Files copied beside the test assembly (schema/**), and JSON Schema validation over them.</summary>
internal static class TestFiles
{
    public static string SchemaPath(string relative) => Path.Combine(AppContext.BaseDirectory, "schema", relative);

    public static string ReadSchema(string relative) => File.ReadAllText(SchemaPath(relative));

    /// <summary>Pinterest's request schema (ConversionEvents, OpenAPI 5.23.0).</summary>
    public static JsonSchema PinterestRequestSchema => s_request.Value;

    /// <summary>Pinterest's response schema (ConversionApiResponse, OpenAPI 5.23.0).</summary>
    public static JsonSchema PinterestResponseSchema => s_response.Value;

    private static readonly Lazy<JsonSchema> s_request = new(() => Load("pinterest/openapi-conversion-events.schema.json"));
    private static readonly Lazy<JsonSchema> s_response = new(() => Load("pinterest/openapi-conversion-response.schema.json"));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> s_loaded = new();

    /// <summary>Loads a schema file once, under its own base URI, so several can live in the global registry.</summary>
    public static JsonSchema Load(string relative) => s_loaded.GetOrAdd(relative, r =>
        JsonSchema.FromText(ReadSchema(r), baseUri: new Uri("https://pinterest-conversions.test/" + r)));

    /// <summary>Validates JSON text; returns the failures as readable lines (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return [];
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToArray();
    }
}
