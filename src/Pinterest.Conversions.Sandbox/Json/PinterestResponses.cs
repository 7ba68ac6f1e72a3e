namespace Pinterest.Conversions.Sandbox.Json;

// Pinterest's response shapes (docs/pinterest-api.md §3; OpenAPI 5.23.0 ConversionApiResponse, Error, DetailedError).

/// <summary>ConversionApiResponse: the 200 body, and the <c>details</c> of a 422.</summary>
internal sealed class ConversionApiResponse
{
    public required int NumEventsReceived { get; init; }
    public required int NumEventsProcessed { get; init; }
    public required IReadOnlyList<ConversionEventResult> Events { get; init; }
}

/// <summary>One event's result, in request order. Pinterest sends empty strings, not nulls (docs/pinterest-api.md §3.1).</summary>
internal sealed class ConversionEventResult
{
    public required string Status { get; init; }
    public required string ErrorMessage { get; init; }
    public required string WarningMessage { get; init; }
}

/// <summary>Error: the body of 400, 401, 403, 429 and 503.</summary>
internal sealed class PinterestError
{
    public required int Code { get; init; }
    public required string Message { get; init; }
}

/// <summary>DetailedError: the body of a 422, whose details are a ConversionApiResponse.</summary>
internal sealed class PinterestDetailedError
{
    public required int Code { get; init; }
    public required string Message { get; init; }
    public required ConversionApiResponse Details { get; init; }
}

/// <summary>The answer of the sandbox's own endpoints when a request is wrong.</summary>
internal sealed class SandboxMessage
{
    public required string Message { get; init; }
}

/// <summary>The answer to <c>POST /sandbox/tag</c>.</summary>
internal sealed class TagEventResponse
{
    public required string Status { get; init; }
    public required bool Deduplicated { get; init; }
    public required bool DuplicateReceipt { get; init; }
    public required bool Late { get; init; }
}
