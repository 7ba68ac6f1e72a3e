namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The background queue: <see cref="Enqueue{T}"/> serializes the event at once (its time, when unmapped, is the enqueue
/// time) into a pooled buffer of a bounded queue, sent in batches of up to 1000 or every flush interval, and drained on
/// shutdown. Outcomes reach every registered <see cref="IPinterestSendObserver"/>, the metrics and the health report.
/// </summary>
public interface IPinterestEventQueue
{
    /// <summary>Serializes and queues one event; never blocks. The result says whether it was queued, and why not.</summary>
    PinterestEnqueueResult Enqueue<T>(in T evt) where T : IPinterestEvent;

    /// <summary>Events waiting to be sent.</summary>
    int Count { get; }

    /// <summary>The most events that can wait.</summary>
    int Capacity { get; }
}

/// <summary>What <see cref="IPinterestEventQueue.Enqueue{T}"/> did with an event.</summary>
public enum PinterestEnqueueStatus
{
    /// <summary>Queued; its outcome will reach the observers.</summary>
    Enqueued = 0,

    /// <summary>Not queued: the queue is full (counted as dropped and logged).</summary>
    QueueFull = 1,

    /// <summary>Not queued: the event cannot be sent (see the report's reason; counted as rejected).</summary>
    Unsendable = 2,

    /// <summary>Not queued: the queue is stopping or stopped (counted as dropped and logged).</summary>
    Stopped = 3,
}

/// <summary>The result of <see cref="IPinterestEventQueue.Enqueue{T}"/>.</summary>
public readonly struct PinterestEnqueueResult : IEquatable<PinterestEnqueueResult>
{
    /// <summary>Creates a result.</summary>
    public PinterestEnqueueResult(PinterestEnqueueStatus status, PinterestEventReport report)
    {
        Status = status;
        Report = report;
    }

    /// <summary>What happened to the event.</summary>
    public PinterestEnqueueStatus Status { get; }

    /// <summary>What writing the event did (signals, dropped fields, why it cannot be sent).</summary>
    public PinterestEventReport Report { get; }

    /// <summary>True when the event was queued.</summary>
    public bool IsEnqueued => Status == PinterestEnqueueStatus.Enqueued;

    /// <inheritdoc/>
    public bool Equals(PinterestEnqueueResult other) => Status == other.Status && Report == other.Report;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PinterestEnqueueResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, Report);

    /// <summary>Equal when status and report are.</summary>
    public static bool operator ==(PinterestEnqueueResult left, PinterestEnqueueResult right) => left.Equals(right);

    /// <summary>Different when status or report differ.</summary>
    public static bool operator !=(PinterestEnqueueResult left, PinterestEnqueueResult right) => !left.Equals(right);

    /// <summary>The status and the report (no value).</summary>
    public override string ToString() => $"{Status}: {Report}";
}

/// <summary>Receives what the queue did with each batch; register any number as singletons. Called on the sender's thread: keep it quick.</summary>
public interface IPinterestSendObserver
{
    /// <summary>A batch was sent (or rejected locally): one outcome per event, in queue order.</summary>
    void OnSent(PinterestSendResult result);

    /// <summary>Queued events that will never be sent, or whose send threw, with the reason.</summary>
    void OnDropped(IReadOnlyList<PinterestDroppedEvent> events);
}

/// <summary>Why a queued event was not sent.</summary>
public enum PinterestDropReason
{
    /// <summary>Shutdown's drain timeout passed before the event was sent.</summary>
    DrainTimeout = 0,

    /// <summary>The send threw unexpectedly; the event may or may not have reached Pinterest.</summary>
    SendError = 1,
}

/// <summary>A queued event that was not sent: its name, id and the reason. Holds no personal value.</summary>
public sealed class PinterestDroppedEvent
{
    /// <summary>Creates a record of a dropped event.</summary>
    public PinterestDroppedEvent(string eventName, string eventId, PinterestDropReason reason)
    {
        EventName = eventName;
        EventId = eventId;
        Reason = reason;
    }

    /// <summary>The wire event name.</summary>
    public string EventName { get; }

    /// <summary>The event_id.</summary>
    public string EventId { get; }

    /// <summary>Why it was not sent.</summary>
    public PinterestDropReason Reason { get; }
}
