using System.Data.Common;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The queue of events to send: each event is serialized at once (its time, when unmapped, is the enqueue time) and held
/// by the store (memory by default; a durable outbox with <c>UseSqliteOutbox</c> or <c>UsePostgreSqlOutbox</c>) until it
/// is delivered, parked for a person, or expired. Outcomes reach every registered <see cref="IPinterestSendObserver"/>,
/// the metrics and the health report.
/// </summary>
// RS0026/RS0027: these overloads, with their optional parameters, are shipped public API that callers build against.
#pragma warning disable RS0026, RS0027
public interface IPinterestEventQueue
{
    /// <summary>
    /// Serializes and stores one event for <paramref name="account"/> (null: the default account). Returns
    /// <see cref="PinterestEnqueueStatus.Enqueued"/> only once the store holds it: with a durable store it waits for the
    /// commit, made on the outbox's own writer thread. Never throws for a store error (<see cref="PinterestEnqueueStatus.StoreUnavailable"/>).
    /// </summary>
    PinterestEnqueueResult Enqueue<T>(in T evt, string? account = null) where T : IPinterestEvent;

    /// <summary>
    /// The same, completing on commit; concurrent calls share commits. Cancellation is honoured until the event is handed
    /// to the writer. Prefer it in ASP.NET Core.
    /// </summary>
    ValueTask<PinterestEnqueueResult> EnqueueAsync<T>(T evt, string? account = null, CancellationToken cancellationToken = default) where T : IPinterestEvent;

    /// <summary>
    /// Writes the event in <paramref name="transaction"/>, through its connection only: durable and visible to senders
    /// when you commit, gone if you roll back. An offline duplicate answers <see cref="PinterestEnqueueStatus.Duplicate"/>
    /// without aborting your transaction.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="transaction"/> or <paramref name="evt"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The transaction is completed or its connection is not open.</exception>
    /// <exception cref="NotSupportedException">The in-memory queue, another provider, or a connection without the outbox's tables.</exception>
    ValueTask<PinterestEnqueueResult> EnqueueAsync<T>(DbTransaction transaction, T evt, string? account = null, CancellationToken cancellationToken = default)
        where T : IPinterestEvent;

    /// <summary>Events pending or in flight.</summary>
    int Count { get; }

    /// <summary>The most events that can be pending or in flight.</summary>
    int Capacity { get; }
}
#pragma warning restore RS0026, RS0027

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

    /// <summary>Not queued: an offline event with the same account, name and event_id was accepted within the idempotency window.</summary>
    Duplicate = 4,

    /// <summary>Not queued: the account resolver does not know the account (or the key is empty or over 200 characters).</summary>
    UnknownAccount = 5,

    /// <summary>The store did not commit within <c>Outbox:EnqueueTimeout</c> or failed (logged and counted); the event may still have been committed.</summary>
    StoreUnavailable = 6,

    /// <summary>Not queued: its event_time is outside what a send accepts (<see cref="PinterestEnqueueResult.RejectionReason"/> says which way).</summary>
    EventTimeOutOfRange = 7,
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

    /// <summary>Creates a result with the local rejection rule that refused the event.</summary>
    public PinterestEnqueueResult(PinterestEnqueueStatus status, PinterestEventReport report, PinterestRejectionReason rejectionReason)
        : this(status, report) => RejectionReason = rejectionReason;

    /// <summary>The send rule that refused the event (<see cref="PinterestEnqueueStatus.Unsendable"/>, <see cref="PinterestEnqueueStatus.EventTimeOutOfRange"/>); None otherwise.</summary>
    public PinterestRejectionReason RejectionReason { get; }

    /// <summary>What happened to the event.</summary>
    public PinterestEnqueueStatus Status { get; }

    /// <summary>What writing the event did (signals, dropped fields, why it cannot be sent).</summary>
    public PinterestEventReport Report { get; }

    /// <summary>True when the event was queued.</summary>
    public bool IsEnqueued => Status == PinterestEnqueueStatus.Enqueued;

    /// <inheritdoc/>
    public bool Equals(PinterestEnqueueResult other) => Status == other.Status && Report == other.Report && RejectionReason == other.RejectionReason;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PinterestEnqueueResult other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Status, Report, RejectionReason);

    /// <summary>Equal when status and report are.</summary>
    public static bool operator ==(PinterestEnqueueResult left, PinterestEnqueueResult right) => left.Equals(right);

    /// <summary>Different when status or report differ.</summary>
    public static bool operator !=(PinterestEnqueueResult left, PinterestEnqueueResult right) => !left.Equals(right);

    /// <summary>The status and the report (no value).</summary>
    public override string ToString() => $"{Status}: {Report}";
}

/// <summary>
/// Receives the final outcome of every event the queue took: once per event (a redrive makes a new one). Register any
/// number as singletons. Called on the sender's thread: keep it quick.
/// </summary>
public interface IPinterestSendObserver
{
    /// <summary>
    /// A request ended: the outcome of each of its events that will not be sent again (processed, failed and parked,
    /// unknown and parked). Events that go back to pending are reported when they end.
    /// </summary>
    void OnSent(PinterestSendResult result);

    /// <summary>Events that will not be sent: expired, left at the drain timeout, or whose send threw; with the reason.</summary>
    void OnDropped(IReadOnlyList<PinterestDroppedEvent> events);
}

/// <summary>Why a queued event was not sent.</summary>
public enum PinterestDropReason
{
    /// <summary>Shutdown's drain timeout passed before the event was sent.</summary>
    DrainTimeout = 0,

    /// <summary>The send threw unexpectedly; the event may or may not have reached Pinterest.</summary>
    SendError = 1,

    /// <summary>Its event_time became older than the maximum event age before it could be sent (parked <see cref="PinterestParkReason.Expired"/>).</summary>
    Expired = 2,
}

/// <summary>A queued event that was not sent: what it was, for which account, and why. Holds no personal value.</summary>
public sealed class PinterestDroppedEvent
{
    /// <summary>Creates a record of a dropped event.</summary>
    public PinterestDroppedEvent(string eventName, string eventId, PinterestDropReason reason)
    {
        EventName = eventName;
        EventId = eventId;
        Reason = reason;
    }

    /// <summary>Creates a record of a dropped event with its account, kind, time, attempts and a message.</summary>
    public PinterestDroppedEvent(string eventName, string eventId, PinterestDropReason reason, string? account, bool isOffline,
        DateTimeOffset eventTime, int attempts, string? message)
        : this(eventName, eventId, reason)
    {
        Account = account;
        IsOffline = isOffline;
        EventTime = eventTime;
        Attempts = attempts;
        Message = message;
    }

    /// <summary>The account key; null for the default account.</summary>
    public string? Account { get; }

    /// <summary>True when the action_source is offline.</summary>
    public bool IsOffline { get; }

    /// <summary>The event_time.</summary>
    public DateTimeOffset EventTime { get; }

    /// <summary>Attempts made before it was dropped.</summary>
    public int Attempts { get; }

    /// <summary>What happened, in words (never a personal value).</summary>
    public string? Message { get; }

    /// <summary>The wire event name.</summary>
    public string EventName { get; }

    /// <summary>The event_id.</summary>
    public string EventId { get; }

    /// <summary>Why it was not sent.</summary>
    public PinterestDropReason Reason { get; }

    /// <summary>The event, the account and the reason.</summary>
    public override string ToString() => $"{EventName} {EventId} ({Account ?? "default"}): {Reason}{(Message is null ? "" : " (" + Message + ")")}";
}
