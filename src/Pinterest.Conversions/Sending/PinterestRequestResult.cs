namespace Pinterest.Conversions;

/// <summary>One HTTP request of a send: how it was answered.</summary>
public sealed class PinterestRequestResult
{
    /// <summary>Describes one HTTP request of a send.</summary>
    public PinterestRequestResult(int eventCount, int? statusCode, string? requestId, int? errorCode, string? errorMessage, bool hasOfflineEvents, int attempts, TimeSpan duration)
    {
        EventCount = eventCount;
        StatusCode = statusCode;
        RequestId = requestId;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        HasOfflineEvents = hasOfflineEvents;
        Attempts = attempts;
        Duration = duration;
    }

    /// <summary>Events in the request body.</summary>
    public int EventCount { get; }

    /// <summary>The final HTTP status; null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>Pinterest's request id, <c>x-pinterest-rid</c>, when the response carried one.</summary>
    public string? RequestId { get; }

    /// <summary>Pinterest's error code (such as 4196, 2, 8), for an error response.</summary>
    public int? ErrorCode { get; }

    /// <summary>Pinterest's error message, or a description of the network failure.</summary>
    public string? ErrorMessage { get; }

    /// <summary>True when the batch held an offline event (such batches are not retried once they may have been processed).</summary>
    public bool HasOfflineEvents { get; }

    /// <summary>HTTP attempts made, retries included (1 without a retrying handler).</summary>
    public int Attempts { get; }

    /// <summary>Wall-clock time of the request, retries included.</summary>
    public TimeSpan Duration { get; }
}
