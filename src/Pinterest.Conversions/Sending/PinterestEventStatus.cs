namespace Pinterest.Conversions;

/// <summary>How one event of a send ended.</summary>
public enum PinterestEventStatus
{
    /// <summary>Pinterest answered that it processed the event.</summary>
    Processed = 0,

    /// <summary>Pinterest did not take the event: it answered that the event failed, or refused or never received the request.</summary>
    Failed = 1,

    /// <summary>Never sent: the event cannot be sent, or its event_time is outside the accepted window.</summary>
    RejectedLocally = 2,

    /// <summary>Sent, possibly processed, but unanswered, and not safe to send again (it may be counted twice).</summary>
    Unknown = 3,
}

/// <summary>Why an event was rejected before sending.</summary>
public enum PinterestRejectionReason
{
    /// <summary>The event was not rejected locally.</summary>
    None = 0,

    /// <summary>The event cannot be sent; <see cref="PinterestEventOutcome.UnsendableReason"/> says why.</summary>
    Unsendable = 1,

    /// <summary>event_time is later than now plus the allowed clock skew.</summary>
    EventTimeInFuture = 2,

    /// <summary>event_time is older than the maximum event age.</summary>
    EventTimeTooOld = 3,

    /// <summary>The event is null.</summary>
    NullEvent = 4,
}
