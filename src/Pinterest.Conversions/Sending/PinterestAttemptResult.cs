namespace Pinterest.Conversions;

/// <summary>
/// How one HTTP request to the events endpoint ended (<see cref="PinterestConversionsClient.SendRequestAsync"/>): the
/// status or transport failure, the redelivery table's <see cref="Verdict"/>, Pinterest's per-event answers and
/// <c>Retry-After</c>. Holds no event data and never the token.
/// </summary>
public sealed class PinterestAttemptResult
{
    internal PinterestAttemptResult(
        int eventCount, bool hasOfflineEvents, int? statusCode, PinterestTransportFailure failure, bool mayHaveBeenProcessedEarlier,
        TimeSpan? retryAfter, string? requestId, int? errorCode, string? message, IReadOnlyList<PinterestEventAnswer> events,
        int attempts, TimeSpan duration)
    {
        EventCount = eventCount;
        HasOfflineEvents = hasOfflineEvents;
        StatusCode = statusCode;
        Failure = failure;
        RetryAfter = retryAfter;
        RequestId = requestId;
        ErrorCode = errorCode;
        Message = message;
        Events = events;
        Attempts = attempts;
        Duration = duration;
        Verdict = PinterestRetryRules.Judge(statusCode, failure, eventCount, events.Count == 0 ? null : events.Count);
        // A retrying handler may have made earlier attempts that may have been processed.
        MayHaveBeenProcessed = Verdict == PinterestRequestVerdict.MayHaveBeenProcessed || mayHaveBeenProcessedEarlier;
    }

    /// <summary>Events in the request.</summary>
    public int EventCount { get; }

    /// <summary>True when the request held an offline event.</summary>
    public bool HasOfflineEvents { get; }

    /// <summary>The final HTTP status; null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>How the attempt failed when no response arrived.</summary>
    public PinterestTransportFailure Failure { get; }

    /// <summary>The redelivery table's row for this ending.</summary>
    public PinterestRequestVerdict Verdict { get; }

    /// <summary>True when this attempt, or an earlier one a retrying handler made, may have been processed.</summary>
    public bool MayHaveBeenProcessed { get; }

    /// <summary>The wait a 429 or 503 asked for; null when it asked none.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Pinterest's request id (<c>x-pinterest-rid</c>), when the response carried one.</summary>
    public string? RequestId { get; }

    /// <summary>Pinterest's error code for an error response (such as 4196, 2, 8).</summary>
    public int? ErrorCode { get; }

    /// <summary>Pinterest's error message, or a description of the status or the network failure.</summary>
    public string? Message { get; }

    /// <summary>Pinterest's answer for each event, in request order, when the body held one per event; empty otherwise.</summary>
    public IReadOnlyList<PinterestEventAnswer> Events { get; }

    /// <summary>HTTP attempts made (more than 1 only when a retrying handler retried).</summary>
    public int Attempts { get; }

    /// <summary>Wall-clock time of the request.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The status or failure, the verdict and the message.</summary>
    public override string ToString() =>
        $"{EventCount} events: {(StatusCode is { } s ? "HTTP " + s : Failure.ToString())}, {Verdict}{(Message is null ? "" : " (" + Message + ")")}";
}

/// <summary>Pinterest's answer for one event of a request: <c>processed</c> or <c>failed</c>, with its messages.</summary>
public readonly struct PinterestEventAnswer
{
    /// <summary>Creates an answer.</summary>
    public PinterestEventAnswer(string? status, string? errorMessage, string? warningMessage)
    {
        Status = status;
        ErrorMessage = errorMessage;
        WarningMessage = warningMessage;
    }

    /// <summary><c>processed</c>, <c>failed</c>, or whatever Pinterest wrote (null when it wrote none).</summary>
    public string? Status { get; }

    /// <summary>Pinterest's error message for a failed event.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Pinterest's warning (such as a field not in SHA-256 format).</summary>
    public string? WarningMessage { get; }
}
