using System.Text.Json.Serialization;

namespace Pinterest.Conversions.Sending;

/// <summary>Pinterest's <c>ConversionApiResponse</c> (a 200, or a 422's <c>details</c>).</summary>
internal sealed class ConversionApiResponse
{
    [JsonPropertyName("num_events_received")] public int NumEventsReceived { get; set; }
    [JsonPropertyName("num_events_processed")] public int NumEventsProcessed { get; set; }
    [JsonPropertyName("events")] public List<ConversionEventResult>? Events { get; set; }
}

internal sealed class ConversionEventResult
{
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("error_message")] public string? ErrorMessage { get; set; }
    [JsonPropertyName("warning_message")] public string? WarningMessage { get; set; }
}

/// <summary>Pinterest's <c>Error</c> and <c>DetailedError</c>, read leniently (extra keys such as <c>status</c> are ignored).</summary>
internal sealed class PinterestErrorBody
{
    [JsonPropertyName("code")] public int? Code { get; set; }
    [JsonPropertyName("message")] public string? Message { get; set; }
    [JsonPropertyName("details")] public ConversionApiResponse? Details { get; set; }

    // A 200 body read with the same type: no code, the events at the top.
    [JsonPropertyName("events")] public List<ConversionEventResult>? Events { get; set; }
    [JsonPropertyName("num_events_received")] public int? NumEventsReceived { get; set; }
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata, NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PinterestErrorBody))]
internal sealed partial class PinterestResponseJsonContext : JsonSerializerContext;
