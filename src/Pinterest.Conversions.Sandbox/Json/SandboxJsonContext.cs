using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pinterest.Conversions.Sandbox.Json;

/// <summary>Every JSON payload of the sandbox, source-generated: snake_case names as Pinterest's API uses them.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(SnakeCaseEnumConverter<SandboxFaultKind>), typeof(JsonStringEnumConverter<ResilienceLevel>)])]
[JsonSerializable(typeof(ConversionApiResponse))]
[JsonSerializable(typeof(PinterestError))]
[JsonSerializable(typeof(PinterestDetailedError))]
[JsonSerializable(typeof(SandboxMessage))]
[JsonSerializable(typeof(TagEventResponse))]
[JsonSerializable(typeof(SandboxReport))]
[JsonSerializable(typeof(SandboxFaultPlan))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;

/// <summary>Enum values as snake_case strings (<c>reset_before</c>); numbers are refused.</summary>
internal sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
