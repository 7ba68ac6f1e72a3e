namespace Pinterest.Conversions.Hosting;

/// <summary>
/// Inspecting and repairing the outbox (any store, the in-memory one included): counts per account, the parked list,
/// redrive and purge. Nothing it returns holds a personal value.
/// </summary>
public interface IPinterestOutbox
{
    /// <summary>Pending, in-flight and parked counts, in all and per account, the oldest pending age and paused accounts.</summary>
    ValueTask<PinterestOutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default);

    /// <summary>Parked events of <paramref name="account"/> (all accounts when null), in id order after <paramref name="after"/>.</summary>
    IAsyncEnumerable<PinterestParkedEvent> GetParkedAsync(string? account = null, int limit = 1000, string? after = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the chosen parked events again, as new (first send time and attempts reset): a person's decision, for offline
    /// events parked <see cref="PinterestParkReason.OutcomeUnknown"/> too. Expired events cannot be redriven. Returns how many.
    /// </summary>
    ValueTask<int> RedriveAsync(PinterestOutboxSelection selection, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the chosen parked events and returns how many. Their offline idempotency keys stay (a replay is still
    /// refused) unless <paramref name="releaseIdempotencyKeys"/>.
    /// </summary>
    ValueTask<int> PurgeAsync(PinterestOutboxSelection selection, bool releaseIdempotencyKeys = false, CancellationToken cancellationToken = default);
}

/// <summary>Which parked events <see cref="IPinterestOutbox.RedriveAsync"/> or <see cref="IPinterestOutbox.PurgeAsync"/> takes: all conditions set must hold.</summary>
public sealed class PinterestOutboxSelection
{
    /// <summary>These events (their <see cref="PinterestParkedEvent.Id"/>); null for any.</summary>
    public IReadOnlyCollection<string>? Ids { get; init; }

    /// <summary>Events of this account (null: the default account too when <see cref="AnyAccount"/> is false).</summary>
    public string? Account { get; init; }

    /// <summary>True (the default) for every account; false to take only <see cref="Account"/>'s events.</summary>
    public bool AnyAccount { get; init; } = true;

    /// <summary>Events parked for this reason; null for any.</summary>
    public PinterestParkReason? Reason { get; init; }

    /// <summary>Every parked event.</summary>
    public static PinterestOutboxSelection All { get; } = new();

    /// <summary>The events with these ids.</summary>
    public static PinterestOutboxSelection ByIds(params string[] ids) => new() { Ids = ids };

    /// <summary>The parked events of one account (null: the default account).</summary>
    public static PinterestOutboxSelection ByAccount(string? account) => new() { Account = account, AnyAccount = false };
}

/// <summary>Why an event is parked for a person.</summary>
public enum PinterestParkReason
{
    /// <summary>It may have been processed, and sending it again could count it twice (offline, or past the dedup window).</summary>
    OutcomeUnknown = 0,

    /// <summary>Pinterest refused it (see the message).</summary>
    Rejected = 1,

    /// <summary>Its event_time became older than the maximum event age before it could be sent; it cannot be redriven.</summary>
    Expired = 2,
}

/// <summary>A parked event: what it is and why it is parked; never a personal value.</summary>
public sealed class PinterestParkedEvent
{
    /// <summary>Describes a parked event.</summary>
    public PinterestParkedEvent(string id, string? account, string eventName, string eventId, bool isOffline, DateTimeOffset eventTime,
        DateTimeOffset? firstSentAt, int attempts, PinterestParkReason reason, string? message, DateTimeOffset parkedAt)
    {
        Id = id;
        Account = account;
        EventName = eventName;
        EventId = eventId;
        IsOffline = isOffline;
        EventTime = eventTime;
        FirstSentAt = firstSentAt;
        Attempts = attempts;
        Reason = reason;
        Message = message;
        ParkedAt = parkedAt;
    }

    /// <summary>The store's key, for paging and redrive.</summary>
    public string Id { get; }

    /// <summary>The account key; null for the default account.</summary>
    public string? Account { get; }

    /// <summary>The wire event name.</summary>
    public string EventName { get; }

    /// <summary>The event_id.</summary>
    public string EventId { get; }

    /// <summary>True when the action_source is offline.</summary>
    public bool IsOffline { get; }

    /// <summary>The event_time.</summary>
    public DateTimeOffset EventTime { get; }

    /// <summary>When a request carrying it first left a process; null when it was never sent.</summary>
    public DateTimeOffset? FirstSentAt { get; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; }

    /// <summary>Why it is parked.</summary>
    public PinterestParkReason Reason { get; }

    /// <summary>Pinterest's message, or the sender's description of what happened.</summary>
    public string? Message { get; }

    /// <summary>When it was parked.</summary>
    public DateTimeOffset ParkedAt { get; }

    /// <summary>The id, the event and the reason.</summary>
    public override string ToString() => $"{Id}: {EventName} {EventId} ({Account ?? "default"}) {Reason}{(Message is null ? "" : ": " + Message)}";
}

/// <summary>The counts of the outbox, in all and per account.</summary>
public sealed class PinterestOutboxStatistics
{
    /// <summary>Creates statistics.</summary>
    public PinterestOutboxStatistics(long pending, long inFlight, long parked, TimeSpan? oldestPendingAge, IReadOnlyList<PinterestOutboxAccountStatistics> accounts)
    {
        Pending = pending;
        InFlight = inFlight;
        Parked = parked;
        OldestPendingAge = oldestPendingAge;
        Accounts = accounts;
    }

    /// <summary>Events waiting to be sent.</summary>
    public long Pending { get; }

    /// <summary>Events claimed under a lease that has not run out.</summary>
    public long InFlight { get; }

    /// <summary>Events parked for a person.</summary>
    public long Parked { get; }

    /// <summary>How long the oldest pending event has waited since it was accepted; null when none is pending.</summary>
    public TimeSpan? OldestPendingAge { get; }

    /// <summary>The same per account, with whether the account is paused.</summary>
    public IReadOnlyList<PinterestOutboxAccountStatistics> Accounts { get; }

    /// <summary>The counts.</summary>
    public override string ToString() => $"{Pending} pending, {InFlight} in flight, {Parked} parked; {Accounts.Count} accounts";
}

/// <summary>The counts of one account.</summary>
public sealed class PinterestOutboxAccountStatistics
{
    /// <summary>Creates one account's statistics.</summary>
    public PinterestOutboxAccountStatistics(string? account, long pending, long inFlight, long parked, TimeSpan? oldestPendingAge, bool isPaused)
    {
        Account = account;
        Pending = pending;
        InFlight = inFlight;
        Parked = parked;
        OldestPendingAge = oldestPendingAge;
        IsPaused = isPaused;
    }

    /// <summary>The account key; null for the default account.</summary>
    public string? Account { get; }

    /// <summary>Events waiting to be sent.</summary>
    public long Pending { get; }

    /// <summary>Events claimed under a lease that has not run out.</summary>
    public long InFlight { get; }

    /// <summary>Events parked for a person.</summary>
    public long Parked { get; }

    /// <summary>How long its oldest pending event has waited; null when none is pending.</summary>
    public TimeSpan? OldestPendingAge { get; }

    /// <summary>True while sending for the account is paused (its token was refused, or its resolver failed).</summary>
    public bool IsPaused { get; }

    /// <summary>Returns a copy with <see cref="IsPaused"/> set.</summary>
    public PinterestOutboxAccountStatistics WithPaused(bool isPaused) => new(Account, Pending, InFlight, Parked, OldestPendingAge, isPaused);
}
