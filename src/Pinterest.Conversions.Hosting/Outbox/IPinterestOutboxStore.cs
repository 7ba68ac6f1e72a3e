using System.Data.Common;

namespace Pinterest.Conversions.Hosting.Outbox;

/// <summary>
/// The seam between the delivery engine and a store of events (memory, SQLite, PostgreSQL): it stores, claims under
/// fenced leases and reports; it never decides what happens to an event (that is <see cref="PinterestRetryRules"/>).
/// Every time it writes comes from its own clock. For implementers of an outbox; applications use
/// <see cref="IPinterestEventQueue"/> and <see cref="IPinterestOutbox"/>.
/// </summary>
/// <remarks>
/// The states of a row: pending (due at a time), claimed (under a lease token, not yet sent), sending (a request that
/// carried it may have left), parked (for a person, with a reason). A lease that runs out returns its rows to pending;
/// a row that was sending comes back flagged as possibly processed.
/// </remarks>
public interface IPinterestOutboxStore : IAsyncDisposable
{
    /// <summary>True when a committed event survives the process (a database); false for memory.</summary>
    bool IsDurable { get; }

    /// <summary>True when this process may claim and send (SQLite: it holds the file's sender lock); others only enqueue.</summary>
    bool CanSend { get; }

    /// <summary>Events pending or in flight, as last counted (approximate where other processes write too).</summary>
    long Count { get; }

    /// <summary>
    /// Creates the schema when missing and takes the sender role when it can (<see cref="CanSend"/>). Called once, before
    /// anything else; <paramref name="wakeUp"/> is called when another process adds events (where the store can tell).
    /// </summary>
    ValueTask StartAsync(Action wakeUp, CancellationToken cancellationToken);

    /// <summary>Takes the sender role if it has become free (a sender that died); true when this process holds it.</summary>
    ValueTask<bool> TryTakeSenderRoleAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds events in one commit; <paramref name="results"/> says, for each, added, a duplicate (an offline key accepted
    /// within the window) or full. Synchronous: called from the outbox's own writer thread. Throws when the store fails.
    /// </summary>
    void Add(ReadOnlySpan<OutboxNewEvent> events, Span<OutboxAddResult> results, OutboxLimits limits);

    /// <summary>
    /// Adds one event inside the caller's transaction, through <paramref name="transaction"/>'s connection only.
    /// </summary>
    /// <exception cref="NotSupportedException">This store cannot write through that transaction (another provider, or its tables are not found there).</exception>
    ValueTask<OutboxAddResult> AddAsync(DbTransaction transaction, OutboxNewEvent evt, OutboxLimits limits, CancellationToken cancellationToken);

    /// <summary>
    /// Returns rows whose lease ran out to pending (flagged when they were sending), then lists the accounts with due
    /// events (counted up to <paramref name="countUpTo"/>), skipping <paramref name="excludedAccounts"/>, and the time the
    /// next pending event falls due.
    /// </summary>
    ValueTask<OutboxReady> GetReadyAsync(int countUpTo, IReadOnlyCollection<string> excludedAccounts, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="maxEvents"/> due events of one account, all offline or all not (the kind of the
    /// earliest due), under a new lease of <paramref name="leaseDuration"/>. Never relies on id order being commit order.
    /// </summary>
    ValueTask<OutboxClaim> ClaimAsync(string account, int maxEvents, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Before an HTTP attempt: extends the lease to now + <paramref name="leaseDuration"/> and marks the events sending
    /// (first send time written once, attempts counted), only where the lease is still this token's and has not run
    /// out. Returns the rows it marked: only those may be sent.
    /// </summary>
    ValueTask<IReadOnlyList<OutboxMarked>> MarkSendingAsync(Guid leaseToken, IReadOnlyList<long> ids, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Processed: deletes the rows still under the token, and any of them parked as outcome unknown meanwhile.</summary>
    ValueTask CompleteAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Pending again after each row's delay, where the lease is still the token's; a possibly-processed flag is kept once set.</summary>
    ValueTask RescheduleAsync(Guid leaseToken, IReadOnlyList<OutboxReschedule> events, CancellationToken cancellationToken);

    /// <summary>Parks rows with their reason and message, where the lease is still the token's.</summary>
    ValueTask ParkAsync(Guid leaseToken, IReadOnlyList<OutboxPark> events, CancellationToken cancellationToken);

    /// <summary>Returns claimed rows never marked sending to pending, untouched (shutdown).</summary>
    ValueTask ReleaseAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken);

    /// <summary>Counts pending, in-flight and parked events, in all and per account, and the oldest pending age.</summary>
    ValueTask<PinterestOutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>Parked events in id order after <paramref name="after"/>, at most <paramref name="limit"/>; never a personal value.</summary>
    IAsyncEnumerable<PinterestParkedEvent> GetParkedAsync(string? account, int limit, string? after, CancellationToken cancellationToken);

    /// <summary>Pending again, as new (first send time, attempts and the possibly-processed flag reset), for the chosen parked events but expired ones.</summary>
    ValueTask<int> RedriveAsync(PinterestOutboxSelection selection, CancellationToken cancellationToken);

    /// <summary>Deletes the chosen parked events; their offline keys are kept unless <paramref name="releaseIdempotencyKeys"/>.</summary>
    ValueTask<int> PurgeAsync(PinterestOutboxSelection selection, bool releaseIdempotencyKeys, CancellationToken cancellationToken);

    /// <summary>Deletes parked rows older than <paramref name="parkedRetention"/> and offline keys older than <paramref name="idempotencyWindow"/>.</summary>
    ValueTask<int> PruneAsync(TimeSpan parkedRetention, TimeSpan idempotencyWindow, CancellationToken cancellationToken);
}

/// <summary>What <see cref="IPinterestOutboxStore.Add"/> did with one event.</summary>
public enum OutboxAddResult
{
    /// <summary>Stored: it will be sent.</summary>
    Added = 0,

    /// <summary>Not stored: an offline event with the same account, name and id was accepted within the window.</summary>
    Duplicate = 1,

    /// <summary>Not stored: the store holds its capacity.</summary>
    Full = 2,
}

/// <summary>An event to store: the serialized object Pinterest is sent and what the sender needs; no other personal value.</summary>
public readonly struct OutboxNewEvent
{
    /// <summary>Describes one event.</summary>
    public OutboxNewEvent(string account, string eventName, string eventId, PinterestEventReport report, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> idempotencyKey)
    {
        Account = account;
        EventName = eventName;
        EventId = eventId;
        Report = report;
        Payload = payload;
        IdempotencyKey = idempotencyKey;
    }

    /// <summary>The account key, lower-cased; empty for the default account.</summary>
    public string Account { get; }

    /// <summary>The wire event name.</summary>
    public string EventName { get; }

    /// <summary>The event_id.</summary>
    public string EventId { get; }

    /// <summary>What writing it did (store it with <see cref="PinterestEventReport.Pack"/>): signals, action source, event_time, dropped fields.</summary>
    public PinterestEventReport Report { get; }

    /// <summary>True when the action_source is offline (a request never mixes offline events with others).</summary>
    public bool IsOffline => Report.ActionSource == ActionSource.Offline;

    /// <summary>The event_time written, Unix seconds.</summary>
    public long EventTime => Report.EventTime;

    /// <summary>The event's JSON object, as Pinterest is sent it.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>For offline events, the 32-byte SHA-256 of (account, event name, event id); empty otherwise.</summary>
    public ReadOnlyMemory<byte> IdempotencyKey { get; }
}

/// <summary>A claimed event: what the sender needs to send it and to apply the rules.</summary>
public sealed class OutboxEvent
{
    /// <summary>Describes a claimed row.</summary>
    public OutboxEvent(long id, string account, string eventName, string eventId, PinterestEventReport report, ReadOnlyMemory<byte> payload,
        int attempts, DateTimeOffset? firstSentAt, bool mayHaveBeenProcessed, DateTimeOffset enqueuedAt)
    {
        Id = id;
        Account = account;
        EventName = eventName;
        EventId = eventId;
        Report = report;
        Payload = payload;
        Attempts = attempts;
        FirstSentAt = firstSentAt;
        MayHaveBeenProcessed = mayHaveBeenProcessed;
        EnqueuedAt = enqueuedAt;
    }

    /// <summary>The store's key.</summary>
    public long Id { get; }

    /// <summary>The account key; empty for the default account.</summary>
    public string Account { get; }

    /// <summary>The wire event name.</summary>
    public string EventName { get; }

    /// <summary>The event_id.</summary>
    public string EventId { get; }

    /// <summary>What writing it did, as stored.</summary>
    public PinterestEventReport Report { get; }

    /// <summary>True when the action_source is offline.</summary>
    public bool IsOffline => Report.ActionSource == ActionSource.Offline;

    /// <summary>The event_time, Unix seconds.</summary>
    public long EventTime => Report.EventTime;

    /// <summary>The event's JSON object.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; }

    /// <summary>When a request carrying it first left a process; null before its first attempt.</summary>
    public DateTimeOffset? FirstSentAt { get; }

    /// <summary>True when an earlier attempt may have been processed (or a lease ran out while it was sending).</summary>
    public bool MayHaveBeenProcessed { get; }

    /// <summary>When the outbox accepted it.</summary>
    public DateTimeOffset EnqueuedAt { get; }

    /// <summary>The facts the delivery rules read.</summary>
    public PinterestDeliveryFacts Facts => new(EventTime, IsOffline, FirstSentAt, MayHaveBeenProcessed);
}

/// <summary>A claim: its lease token, the store's time of the claim, and the events.</summary>
public sealed class OutboxClaim
{
    /// <summary>Creates a claim.</summary>
    public OutboxClaim(Guid leaseToken, DateTimeOffset now, IReadOnlyList<OutboxEvent> events)
    {
        LeaseToken = leaseToken;
        Now = now;
        Events = events;
    }

    /// <summary>The token every later write of this claim is conditioned on.</summary>
    public Guid LeaseToken { get; }

    /// <summary>The store's clock when it claimed.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The claimed events (empty when none was due).</summary>
    public IReadOnlyList<OutboxEvent> Events { get; }
}

/// <summary>What an add must respect: the capacity (pending and in flight) and the window of offline idempotency keys.</summary>
public readonly record struct OutboxLimits(long Capacity, TimeSpan IdempotencyWindow);

/// <summary>A row marked sending: its id and its first send time.</summary>
public readonly record struct OutboxMarked(long Id, DateTimeOffset FirstSentAt, DateTimeOffset Now);

/// <summary>A row to make pending again after <paramref name="Delay"/>; <paramref name="MayHaveBeenProcessed"/> sets the flag.</summary>
public readonly record struct OutboxReschedule(long Id, TimeSpan Delay, bool MayHaveBeenProcessed);

/// <summary>A row to park with its reason and Pinterest's (or the sender's) message.</summary>
public readonly record struct OutboxPark(long Id, PinterestParkReason Reason, string? Message);

/// <summary>An account with due events: how many (counted up to the cap asked for) and when the earliest due of them was accepted.</summary>
public readonly record struct OutboxReadyAccount(string Account, int DueEvents, DateTimeOffset OldestEnqueuedAt);

/// <summary>The accounts with due events, the store's time, and when the next pending event falls due.</summary>
public sealed class OutboxReady
{
    /// <summary>Creates the answer of <see cref="IPinterestOutboxStore.GetReadyAsync"/>.</summary>
    public OutboxReady(IReadOnlyList<OutboxReadyAccount> accounts, DateTimeOffset now, DateTimeOffset? nextDueAt)
    {
        Accounts = accounts;
        Now = now;
        NextDueAt = nextDueAt;
    }

    /// <summary>Accounts with events due now.</summary>
    public IReadOnlyList<OutboxReadyAccount> Accounts { get; }

    /// <summary>The store's clock.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>When the earliest pending event that is not yet due falls due (or a lease runs out); null when none.</summary>
    public DateTimeOffset? NextDueAt { get; }
}
