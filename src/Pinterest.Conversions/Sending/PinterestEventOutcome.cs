namespace Pinterest.Conversions;

/// <summary>The outcome of one event of a send, at the event's position in the input. Holds no personal value.</summary>
public sealed class PinterestEventOutcome
{
    /// <summary>Creates an outcome (senders with their own store report final outcomes with it).</summary>
    public PinterestEventOutcome(
        int index, string? eventName, string? eventId, PinterestEventStatus status, PinterestEventReport report,
        PinterestRejectionReason rejectionReason, string? message, string? warning, string? requestId)
    {
        Index = index;
        EventName = eventName;
        EventId = eventId;
        Status = status;
        Report = report;
        RejectionReason = rejectionReason;
        Message = message;
        Warning = warning;
        RequestId = requestId;
    }

    /// <summary>The event's position in the input.</summary>
    public int Index { get; }

    /// <summary>The wire event name, such as <c>checkout</c>; null for a null event.</summary>
    public string? EventName { get; }

    /// <summary>The event_id; null for a null event.</summary>
    public string? EventId { get; }

    /// <summary>How the event ended.</summary>
    public PinterestEventStatus Status { get; }

    /// <summary>What writing the event did: signals carried and fields dropped.</summary>
    public PinterestEventReport Report { get; }

    /// <summary>Why the event was rejected before sending; <see cref="PinterestRejectionReason.None"/> otherwise.</summary>
    public PinterestRejectionReason RejectionReason { get; }

    /// <summary>Why the event could not be sent, when <see cref="RejectionReason"/> is <see cref="PinterestRejectionReason.Unsendable"/>.</summary>
    public PinterestUnsendableReason UnsendableReason => Report.UnsendableReason;

    /// <summary>Pinterest's error message for a failed event, or the local reason; null for a processed event.</summary>
    public string? Message { get; }

    /// <summary>Pinterest's warning for the event (such as a field not in SHA-256 format); null when there is none.</summary>
    public string? Warning { get; }

    /// <summary>Pinterest's request id (<c>x-pinterest-rid</c>) of the request that carried the event, when answered.</summary>
    public string? RequestId { get; }

    /// <summary>The index, status, event name and id, and the message: never a personal value.</summary>
    public override string ToString() => $"#{Index} {EventName} {EventId}: {Status}{(Message is null ? "" : " (" + Message + ")")}";
}
