namespace Pinterest.Conversions;

/// <summary>What one HTTP request's ending means for all of its events (the table of docs/delivery.md, "What happens to each event", by row).</summary>
public enum PinterestRequestVerdict
{
    /// <summary>A 200 or 422 whose per-event results match the request one to one: each event is processed or failed.</summary>
    Answered = 0,

    /// <summary>Not processed and safe to send again: 429, 503, or the request never left the process.</summary>
    NotProcessed = 1,

    /// <summary>
    /// May have been processed: a timeout or a connection lost after the request was written, 408, any 5xx but 503, or a
    /// 200/422 whose body does not match the request one to one.
    /// </summary>
    MayHaveBeenProcessed = 2,

    /// <summary>A 400 or 413 for a request of more than one event: nothing was processed; send it again in halves.</summary>
    Split = 3,

    /// <summary>A 400, 413 or another 4xx not listed, for one event: Pinterest will never take it.</summary>
    Rejected = 4,

    /// <summary>401 or 403: the account's token or access is wrong; pause the account, its events wait.</summary>
    AccountRefused = 5,

    /// <summary>404 or a 3xx: the base address is wrong; pause all sending, the events wait.</summary>
    Misconfigured = 6,
}

/// <summary>What to do with one event of an outbox (see <see cref="PinterestRetryRules"/>).</summary>
public enum PinterestDeliveryDecision
{
    /// <summary>Send it now.</summary>
    Send = 0,

    /// <summary>Processed: remove it from the outbox.</summary>
    Remove = 1,

    /// <summary>Pending again after a backoff (and any <c>Retry-After</c>).</summary>
    SendAgainLater = 2,

    /// <summary>Pinterest will not take it: park it, with Pinterest's message.</summary>
    ParkRejected = 3,

    /// <summary>It may have been processed and a resend is no longer safe: park it for a person.</summary>
    ParkOutcomeUnknown = 4,

    /// <summary>Its event_time is older than the maximum event age: park it.</summary>
    ParkExpired = 5,

    /// <summary>Its event_time is in the future (clocks differ): pending until it is not.</summary>
    WaitForEventTime = 6,

    /// <summary>The account (or all sending) is paused: pending again, untouched, until the pause ends.</summary>
    Hold = 7,
}

/// <summary>What the delivery rules need to know about one event; no personal value.</summary>
public readonly struct PinterestDeliveryFacts
{
    /// <summary>Describes one event.</summary>
    /// <param name="eventTime">The event_time sent, Unix seconds.</param>
    /// <param name="isOffline">True when its action_source is offline (Pinterest never deduplicates it).</param>
    /// <param name="firstSentAt">When a request carrying it first left the process (the store's clock); null before.</param>
    /// <param name="mayHaveBeenProcessed">True when an earlier attempt may have been processed.</param>
    public PinterestDeliveryFacts(long eventTime, bool isOffline, DateTimeOffset? firstSentAt, bool mayHaveBeenProcessed)
    {
        EventTime = eventTime;
        IsOffline = isOffline;
        FirstSentAt = firstSentAt;
        MayHaveBeenProcessed = mayHaveBeenProcessed;
    }

    /// <summary>The event_time sent, Unix seconds.</summary>
    public long EventTime { get; }

    /// <summary>True when its action_source is offline.</summary>
    public bool IsOffline { get; }

    /// <summary>When a request carrying it first left the process; null before its first attempt.</summary>
    public DateTimeOffset? FirstSentAt { get; }

    /// <summary>True when an earlier attempt may have been processed.</summary>
    public bool MayHaveBeenProcessed { get; }
}

/// <summary>The limits the delivery rules apply; validated by the caller.</summary>
public sealed class PinterestDeliveryPolicy
{
    /// <summary>Events older than this when claimed are parked as expired; default 7 days.</summary>
    public TimeSpan MaxEventAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>
    /// A resend of an event that may have been processed must arrive before its first send plus this window; default 47
    /// hours (Pinterest deduplicates within 48 hours, the article).
    /// </summary>
    public TimeSpan DedupResendWindow { get; init; } = TimeSpan.FromHours(47);

    /// <summary>How long one attempt may take: a resend decided now arrives at the latest after it; default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When true, an event whose resend would arrive over an hour after its event_time is treated as offline.</summary>
    public bool TreatLateAsOffline { get; init; }
}

// The redelivery rules (docs/delivery.md, "What happens to each event"), pure: the stores only store.
public static partial class PinterestRetryRules
{
    /// <summary>Events received over this long after their event_time are reported by Pinterest as offline (the article).</summary>
    public static TimeSpan LateAfter { get; } = TimeSpan.FromHours(1);

    /// <summary>The redelivery table's row for a request that ended this way.</summary>
    /// <param name="statusCode">The final HTTP status, or null when no response arrived.</param>
    /// <param name="failure">How the attempt failed when no response arrived.</param>
    /// <param name="eventCount">Events in the request.</param>
    /// <param name="answeredEvents">Per-event results in a 200 or 422 body; null when the body had none or was unreadable.</param>
    public static PinterestRequestVerdict Judge(int? statusCode, PinterestTransportFailure failure, int eventCount, int? answeredEvents)
    {
        if (statusCode is not { } status)
        {
            return failure == PinterestTransportFailure.NotSent ? PinterestRequestVerdict.NotProcessed : PinterestRequestVerdict.MayHaveBeenProcessed;
        }
        return status switch
        {
            200 or 422 => answeredEvents == eventCount ? PinterestRequestVerdict.Answered : PinterestRequestVerdict.MayHaveBeenProcessed,
            429 or 503 => PinterestRequestVerdict.NotProcessed,
            408 or (>= 500 and <= 599) => PinterestRequestVerdict.MayHaveBeenProcessed,
            401 or 403 => PinterestRequestVerdict.AccountRefused,
            404 or (>= 300 and <= 399) => PinterestRequestVerdict.Misconfigured,
            400 or 413 when eventCount > 1 => PinterestRequestVerdict.Split,
            >= 400 and <= 499 => PinterestRequestVerdict.Rejected,
            // Any other 2xx, or a 1xx surfaced as final: sent, and no per-event answer to read.
            _ => PinterestRequestVerdict.MayHaveBeenProcessed,
        };
    }

    /// <summary>
    /// The test made at every claim, before a request is written: a resend that is no longer safe is parked
    /// <see cref="PinterestDeliveryDecision.ParkOutcomeUnknown"/>; an event older than the maximum age is parked
    /// <see cref="PinterestDeliveryDecision.ParkExpired"/>; one in the future waits; the rest is sent.
    /// </summary>
    /// <param name="facts">The event.</param>
    /// <param name="policy">The limits.</param>
    /// <param name="now">The store's clock.</param>
    public static PinterestDeliveryDecision DecideAtClaim(in PinterestDeliveryFacts facts, PinterestDeliveryPolicy policy, DateTimeOffset now)
    {
        if (policy is null) throw new ArgumentNullException(nameof(policy));
        if (facts.MayHaveBeenProcessed && !IsResendSafe(facts, policy, now)) return PinterestDeliveryDecision.ParkOutcomeUnknown;
        var seconds = now.ToUnixTimeSeconds();
        if (facts.EventTime < seconds - (long)policy.MaxEventAge.TotalSeconds) return PinterestDeliveryDecision.ParkExpired;
        // Pinterest refuses an event_time later than when it receives the request: one ahead of the store's clock (the
        // enqueuing instance's clock ran ahead, within the skew the queue allows) waits until it is not.
        if (facts.EventTime > seconds) return PinterestDeliveryDecision.WaitForEventTime;
        return PinterestDeliveryDecision.Send;
    }

    /// <summary>How long an event that <see cref="DecideAtClaim"/> said to wait for must wait: until its event_time; zero when it need not.</summary>
    public static TimeSpan GetEventTimeWait(long eventTime, PinterestDeliveryPolicy policy, DateTimeOffset now)
    {
        if (policy is null) throw new ArgumentNullException(nameof(policy));
        var wait = DateTimeOffset.FromUnixTimeSeconds(eventTime) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>What to do with one event of a request that ended with <paramref name="verdict"/>.</summary>
    /// <param name="verdict">The request's verdict (not <see cref="PinterestRequestVerdict.Split"/>: a split request is sent again in halves).</param>
    /// <param name="eventStatus">Pinterest's per-event status (<c>processed</c>, <c>failed</c>) when the verdict is <see cref="PinterestRequestVerdict.Answered"/>.</param>
    /// <param name="facts">The event, with its first send time.</param>
    /// <param name="policy">The limits.</param>
    /// <param name="now">The store's clock.</param>
    public static PinterestDeliveryDecision DecideAfterAttempt(
        PinterestRequestVerdict verdict, string? eventStatus, in PinterestDeliveryFacts facts, PinterestDeliveryPolicy policy, DateTimeOffset now)
    {
        if (policy is null) throw new ArgumentNullException(nameof(policy));
        switch (verdict)
        {
            case PinterestRequestVerdict.Answered when eventStatus == "processed":
                return PinterestDeliveryDecision.Remove;
            case PinterestRequestVerdict.Answered when eventStatus == "failed":
            case PinterestRequestVerdict.Rejected:
                return PinterestDeliveryDecision.ParkRejected;
            case PinterestRequestVerdict.NotProcessed:
                return PinterestDeliveryDecision.SendAgainLater;
            case PinterestRequestVerdict.AccountRefused:
            case PinterestRequestVerdict.Misconfigured:
                return PinterestDeliveryDecision.Hold;
            case PinterestRequestVerdict.Answered: // an answer with no status we know for this event
            case PinterestRequestVerdict.MayHaveBeenProcessed:
                return IsResendSafe(facts, policy, now) ? PinterestDeliveryDecision.SendAgainLater : PinterestDeliveryDecision.ParkOutcomeUnknown;
            case PinterestRequestVerdict.Split:
                throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "A split request is sent again in halves; no event is decided alone.");
            default:
                throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null);
        }
    }

    /// <summary>
    /// True when an event that may have been processed can be sent again: it is not offline (nor treated as offline for
    /// being late), and the resend, arriving at the latest one attempt timeout from now, falls within the dedup window of
    /// its first send.
    /// </summary>
    public static bool IsResendSafe(in PinterestDeliveryFacts facts, PinterestDeliveryPolicy policy, DateTimeOffset now)
    {
        if (policy is null) throw new ArgumentNullException(nameof(policy));
        var arrival = now + policy.AttemptTimeout;
        if (facts.IsOffline || (policy.TreatLateAsOffline && IsLate(facts.EventTime, arrival))) return false;
        var firstSent = facts.FirstSentAt ?? now;
        return arrival < firstSent + policy.DedupResendWindow;
    }

    /// <summary>True when an event received at <paramref name="arrival"/> is over an hour after its event_time (reported as offline).</summary>
    public static bool IsLate(long eventTime, DateTimeOffset arrival) =>
        arrival.ToUnixTimeSeconds() - eventTime > (long)LateAfter.TotalSeconds;

    /// <summary>
    /// The backoff before attempt <paramref name="attempts"/> + 1: exponential from <paramref name="baseDelay"/>, capped at
    /// <paramref name="maxDelay"/>, with full jitter (<paramref name="jitter"/> in [0, 1) picks the point in [0, cap)).
    /// </summary>
    public static TimeSpan GetBackoff(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double jitter)
    {
        if (jitter is < 0 or >= 1 || double.IsNaN(jitter)) throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "Jitter is in [0, 1).");
        var exponent = Math.Clamp(attempts - 1, 0, 62);
        var cap = Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, exponent));
        return TimeSpan.FromTicks((long)(cap * jitter));
    }

    /// <summary>
    /// The wait before an event that was not processed is sent again: the later of the backoff and the server's
    /// <c>Retry-After</c>, the latter capped at <paramref name="maxRetryAfter"/> (one huge header must not stall delivery).
    /// </summary>
    public static TimeSpan GetRetryDelay(TimeSpan backoff, TimeSpan? retryAfter, TimeSpan maxRetryAfter)
    {
        var server = retryAfter is { } value ? (value < maxRetryAfter ? value : maxRetryAfter) : TimeSpan.Zero;
        return server > backoff ? server : backoff;
    }
}
