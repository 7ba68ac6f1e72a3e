namespace Pinterest.Conversions.Sandbox;

/// <summary>Requests to the events endpoint, by outcome.</summary>
public sealed class SandboxRequestCounts
{
    /// <summary>Every request, test requests and faulted ones included.</summary>
    public required long Total { get; init; }

    /// <summary>Requests with <c>?test=true</c>: validated and answered, their events not recorded.</summary>
    public required long Test { get; init; }

    /// <summary>Requests answered by an injected fault (status, reset) instead of the endpoint.</summary>
    public required long Faulted { get; init; }

    /// <summary>Requests by HTTP status code answered; a reset connection counts under <c>reset</c>.</summary>
    public required IReadOnlyDictionary<string, long> ByStatus { get; init; }
}
