using Xunit;

namespace Pinterest.Conversions.Sending.Tests.Delivery;

/// <summary>
/// <see cref="PinterestRetryRules"/>'s delivery rules as the table of docs/delivery.md, "What happens to each
/// event", row by row. Every row is pure: a status, the event's facts, a policy and the store's clock in,
/// one decision out.
/// </summary>
public class DeliveryRulesTests
{
    // A whole second, so that Unix-second arithmetic in the rules is exact at the edges.
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly PinterestDeliveryPolicy Defaults = new();

    private const PinterestTransportFailure None = PinterestTransportFailure.None;
    private const PinterestTransportFailure NotSent = PinterestTransportFailure.NotSent;
    private const PinterestTransportFailure Lost = PinterestTransportFailure.LostAfterSending;
    private const PinterestTransportFailure TimedOut = PinterestTransportFailure.TimedOut;

    private const PinterestDeliveryDecision Remove = PinterestDeliveryDecision.Remove;
    private const PinterestDeliveryDecision Again = PinterestDeliveryDecision.SendAgainLater;
    private const PinterestDeliveryDecision Rejected = PinterestDeliveryDecision.ParkRejected;
    private const PinterestDeliveryDecision Unknown = PinterestDeliveryDecision.ParkOutcomeUnknown;
    private const PinterestDeliveryDecision Hold = PinterestDeliveryDecision.Hold;
    private const PinterestDeliveryDecision Send = PinterestDeliveryDecision.Send;
    private const PinterestDeliveryDecision Expired = PinterestDeliveryDecision.ParkExpired;
    private const PinterestDeliveryDecision Wait = PinterestDeliveryDecision.WaitForEventTime;

    private const long Day = 86_400;

    private static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    // A first attempt: sent a moment ago, about an event of a minute ago.
    private static PinterestDeliveryFacts FirstAttempt(bool offline) =>
        new(Unix(Now) - 60, offline, Now.AddSeconds(-2), mayHaveBeenProcessed: false);

    /// <summary>
    /// The whole table for one event of a request that ended this way: <see cref="PinterestRetryRules.Judge"/> then
    /// <see cref="PinterestRetryRules.DecideAfterAttempt"/>, in both columns (non-offline, offline).
    /// </summary>
    [Theory]
    // `processed` (in a 200, or in a 422's details): removed | removed
    [InlineData(200, None, 3, 3, "processed", false, Remove)]
    [InlineData(200, None, 3, 3, "processed", true, Remove)]
    [InlineData(422, None, 3, 3, "processed", false, Remove)]
    [InlineData(422, None, 3, 3, "processed", true, Remove)]
    [InlineData(200, None, 1, 1, "processed", true, Remove)]
    // `failed` (in a 200, or in a 422's details): parked Rejected | same
    [InlineData(200, None, 3, 3, "failed", false, Rejected)]
    [InlineData(200, None, 3, 3, "failed", true, Rejected)]
    [InlineData(422, None, 3, 3, "failed", false, Rejected)]
    [InlineData(422, None, 3, 3, "failed", true, Rejected)]
    // not processed and retryable: never left the process, 429, 503: pending again | same
    [InlineData(null, NotSent, 3, null, null, false, Again)]
    [InlineData(null, NotSent, 3, null, null, true, Again)]
    [InlineData(429, None, 3, null, null, false, Again)]
    [InlineData(429, None, 3, null, null, true, Again)]
    [InlineData(429, None, 1, null, null, true, Again)]
    [InlineData(503, None, 3, null, null, false, Again)]
    [InlineData(503, None, 3, null, null, true, Again)]
    // may have been processed: timeout or connection lost after writing: pending again in the window | parked OutcomeUnknown
    [InlineData(null, Lost, 3, null, null, false, Again)]
    [InlineData(null, Lost, 3, null, null, true, Unknown)]
    [InlineData(null, TimedOut, 3, null, null, false, Again)]
    [InlineData(null, TimedOut, 3, null, null, true, Unknown)]
    // may have been processed: 408
    [InlineData(408, None, 3, null, null, false, Again)]
    [InlineData(408, None, 3, null, null, true, Unknown)]
    // may have been processed: any 5xx but 503
    [InlineData(500, None, 3, null, null, false, Again)]
    [InlineData(500, None, 3, null, null, true, Unknown)]
    [InlineData(502, None, 3, null, null, false, Again)]
    [InlineData(502, None, 3, null, null, true, Unknown)]
    [InlineData(504, None, 3, null, null, false, Again)]
    [InlineData(504, None, 3, null, null, true, Unknown)]
    [InlineData(501, None, 1, null, null, false, Again)]
    [InlineData(507, None, 1, null, null, true, Unknown)]
    // may have been processed: a 200 or 422 body that does not match the request one to one
    [InlineData(200, None, 3, 2, null, false, Again)]
    [InlineData(200, None, 3, 2, null, true, Unknown)]
    [InlineData(200, None, 3, 4, null, false, Again)]
    [InlineData(200, None, 3, 4, null, true, Unknown)]
    [InlineData(200, None, 3, null, null, false, Again)]   // no per-event results at all
    [InlineData(200, None, 3, null, null, true, Unknown)]
    [InlineData(422, None, 3, 1, null, false, Again)]
    [InlineData(422, None, 3, 1, null, true, Unknown)]
    [InlineData(422, None, 1, null, null, true, Unknown)]
    // a one-to-one body whose status for this event is neither processed nor failed: no answer for it, so the same row
    [InlineData(200, None, 3, 3, null, false, Again)]
    [InlineData(200, None, 3, 3, null, true, Unknown)]
    [InlineData(200, None, 3, 3, "pending", false, Again)]
    // other 2xx: sent, with no per-event answer to read (the unmatched-body row)
    [InlineData(201, None, 3, 3, "processed", false, Again)]
    [InlineData(201, None, 3, 3, "processed", true, Unknown)]
    [InlineData(202, None, 3, null, null, false, Again)]
    [InlineData(202, None, 3, null, null, true, Unknown)]
    [InlineData(204, None, 3, null, null, false, Again)]
    [InlineData(204, None, 3, null, null, true, Unknown)]
    // 400, or another 4xx not listed, for one event: parked Rejected | same
    [InlineData(400, None, 1, null, null, false, Rejected)]
    [InlineData(400, None, 1, null, null, true, Rejected)]
    [InlineData(413, None, 1, null, null, false, Rejected)]
    [InlineData(413, None, 1, null, null, true, Rejected)]
    [InlineData(402, None, 1, null, null, false, Rejected)]
    [InlineData(405, None, 1, null, null, true, Rejected)]
    [InlineData(409, None, 1, null, null, false, Rejected)]
    [InlineData(410, None, 1, null, null, true, Rejected)]
    [InlineData(415, None, 1, null, null, false, Rejected)]
    [InlineData(451, None, 1, null, null, true, Rejected)]
    // 401, 403: the account is paused; its events wait | same (also for requests of many events: no split)
    [InlineData(401, None, 1, null, null, false, Hold)]
    [InlineData(401, None, 3, null, null, true, Hold)]
    [InlineData(403, None, 1, null, null, true, Hold)]
    [InlineData(403, None, 3, null, null, false, Hold)]
    // 404 or 3xx: all sending paused; events wait | same
    [InlineData(404, None, 1, null, null, false, Hold)]
    [InlineData(404, None, 3, null, null, true, Hold)]
    [InlineData(300, None, 3, null, null, false, Hold)]
    [InlineData(301, None, 3, null, null, true, Hold)]
    [InlineData(302, None, 1, null, null, false, Hold)]
    [InlineData(304, None, 3, null, null, true, Hold)]
    [InlineData(307, None, 3, null, null, false, Hold)]
    [InlineData(308, None, 1, null, null, true, Hold)]
    public void Table(int? status, PinterestTransportFailure failure, int events, int? answered, string? eventStatus, bool offline, PinterestDeliveryDecision expected)
    {
        var verdict = PinterestRetryRules.Judge(status, failure, events, answered);
        Assert.Equal(expected, PinterestRetryRules.DecideAfterAttempt(verdict, eventStatus, FirstAttempt(offline), Defaults, Now));
    }

    /// <summary>The verdict alone, where the row names the request rather than the event (the split row above all).</summary>
    [Theory]
    // 400 or 413 for a request of more than one event: split in halves (nothing was processed)
    [InlineData(400, None, 2, null, PinterestRequestVerdict.Split)]
    [InlineData(400, None, 1000, null, PinterestRequestVerdict.Split)]
    [InlineData(413, None, 2, null, PinterestRequestVerdict.Split)]
    [InlineData(413, None, 1000, null, PinterestRequestVerdict.Split)]
    // ... until one event remains: then 400 or 413 is that event's rejection
    [InlineData(400, None, 1, null, PinterestRequestVerdict.Rejected)]
    [InlineData(413, None, 1, null, PinterestRequestVerdict.Rejected)]
    // 401/403 and 404/3xx stop the account or all sending, whatever the request's size
    [InlineData(401, None, 1000, null, PinterestRequestVerdict.AccountRefused)]
    [InlineData(403, None, 2, null, PinterestRequestVerdict.AccountRefused)]
    [InlineData(404, None, 2, null, PinterestRequestVerdict.Misconfigured)]
    [InlineData(399, None, 2, null, PinterestRequestVerdict.Misconfigured)]
    // 200/422 matching one to one: answered; not matching: may have been processed
    [InlineData(200, None, 5, 5, PinterestRequestVerdict.Answered)]
    [InlineData(422, None, 5, 5, PinterestRequestVerdict.Answered)]
    [InlineData(200, None, 5, 0, PinterestRequestVerdict.MayHaveBeenProcessed)]
    [InlineData(422, None, 5, null, PinterestRequestVerdict.MayHaveBeenProcessed)]
    // 429/503 and never sent: not processed; 408, other 5xx, lost or timed out: may have been processed
    [InlineData(429, None, 5, null, PinterestRequestVerdict.NotProcessed)]
    [InlineData(503, None, 5, null, PinterestRequestVerdict.NotProcessed)]
    [InlineData(null, NotSent, 5, null, PinterestRequestVerdict.NotProcessed)]
    [InlineData(408, None, 5, null, PinterestRequestVerdict.MayHaveBeenProcessed)]
    [InlineData(500, None, 5, null, PinterestRequestVerdict.MayHaveBeenProcessed)]
    [InlineData(599, None, 5, null, PinterestRequestVerdict.MayHaveBeenProcessed)]
    [InlineData(null, Lost, 5, null, PinterestRequestVerdict.MayHaveBeenProcessed)]
    [InlineData(null, TimedOut, 5, null, PinterestRequestVerdict.MayHaveBeenProcessed)]
    // a status is the ending when there is one: a classified failure beside it changes nothing
    [InlineData(429, TimedOut, 5, null, PinterestRequestVerdict.NotProcessed)]
    [InlineData(200, NotSent, 5, 5, PinterestRequestVerdict.Answered)]
    public void Judge(int? status, PinterestTransportFailure failure, int events, int? answered, PinterestRequestVerdict expected) =>
        Assert.Equal(expected, PinterestRetryRules.Judge(status, failure, events, answered));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Split_IsNeverDecidedPerEvent(bool offline)
    {
        // A split request goes again in halves; deciding one of its events alone would be a bug in the caller.
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            PinterestRetryRules.DecideAfterAttempt(PinterestRequestVerdict.Split, null, FirstAttempt(offline), Defaults, Now));
        Assert.Equal("verdict", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PinterestRetryRules.DecideAfterAttempt((PinterestRequestVerdict)99, null, FirstAttempt(offline), Defaults, Now));
    }

    /// <summary>
    /// The 48-hour test: an event that may have been processed goes again only while the resend, arriving at the latest
    /// one <c>AttemptTimeout</c> from now, arrives before FirstSentAt + <c>DedupResendWindow</c>; after an attempt and at
    /// every claim alike. <paramref name="offset"/> is seconds from the instant at which a resend would arrive
    /// exactly at the window's end.
    /// </summary>
    [Theory]
    // defaults: 47 h window, 30 s attempts
    [InlineData(47, 30, -1, true)]          // one second before: it arrives inside the window
    [InlineData(47, 30, -0.0000001, true)]  // one tick before
    [InlineData(47, 30, 0, false)]          // exactly at: "before" the end is strict
    [InlineData(47, 30, 1, false)]          // one second after
    [InlineData(47, 30, 15, false)]         // now is still 15 s inside the window, but the resend may land 15 s past it
    [InlineData(47, 30, 30, false)]         // now is exactly FirstSentAt + window
    [InlineData(47, 30, -3600, true)]
    [InlineData(47, 30, -169169, true)]     // a second after the first send
    // other limits: the window and the attempt timeout are read from the policy
    [InlineData(48, 0, -1, true)]
    [InlineData(48, 0, 0, false)]
    [InlineData(1, 120, -1, true)]
    [InlineData(1, 120, 0, false)]
    public void DedupWindow(double windowHours, double attemptTimeoutSeconds, double offset, bool safe)
    {
        var policy = new PinterestDeliveryPolicy
        {
            DedupResendWindow = TimeSpan.FromHours(windowHours),
            AttemptTimeout = TimeSpan.FromSeconds(attemptTimeoutSeconds),
        };
        var firstSent = Now;
        var now = firstSent + policy.DedupResendWindow - policy.AttemptTimeout + TimeSpan.FromSeconds(offset);
        var facts = new PinterestDeliveryFacts(Unix(firstSent) - 60, isOffline: false, firstSent, mayHaveBeenProcessed: true);

        Assert.Equal(safe, PinterestRetryRules.IsResendSafe(facts, policy, now));
        // after an attempt that may have been processed: pending again only while safe, else parked OutcomeUnknown
        Assert.Equal(safe ? Again : Unknown,
            PinterestRetryRules.DecideAfterAttempt(PinterestRequestVerdict.MayHaveBeenProcessed, null, facts, policy, now));
        // and at every claim: an event that waited (backoff, outage, pause) is parked instead of sent
        Assert.Equal(safe ? Send : Unknown, PinterestRetryRules.DecideAtClaim(facts, policy, now));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    [InlineData(47 * 3600 - 31)]
    public void DedupWindow_NeverOpensForOffline(double secondsSinceFirstSend)
    {
        // Pinterest never deduplicates offline events: not one resend, however early.
        var facts = new PinterestDeliveryFacts(Unix(Now) - 60, isOffline: true, Now, mayHaveBeenProcessed: true);
        var now = Now.AddSeconds(secondsSinceFirstSend);
        Assert.False(PinterestRetryRules.IsResendSafe(facts, Defaults, now));
        Assert.Equal(Unknown, PinterestRetryRules.DecideAtClaim(facts, Defaults, now));
    }

    /// <summary>
    /// At every claim: the 48-hour test (events that may have been processed only), then the age (parked
    /// <c>Expired</c> when older than <c>MaxEventAge</c>), then the future (pending until it is not: Pinterest refuses an
    /// event_time later than when it receives the request).
    /// <paramref name="sinceFirstSentHours"/> is null for an event never sent; <paramref name="ageSeconds"/> is
    /// negative for an event_time in the future.
    /// </summary>
    [Theory]
    // a fresh event, never sent, is sent
    [InlineData(false, false, null, 60, Send)]
    [InlineData(false, true, null, 60, Send)]
    [InlineData(false, false, null, 0, Send)]
    // event_time older than MaxEventAge (7 d) when claimed: parked Expired | same
    [InlineData(false, false, null, 7 * Day + 1, Expired)]
    [InlineData(false, true, null, 7 * Day + 1, Expired)]
    [InlineData(false, false, null, 7 * Day, Send)]      // exactly 7 d old is not older
    [InlineData(false, false, null, 7 * Day - 1, Send)]
    [InlineData(false, false, null, 400 * Day, Expired)]
    // event_time in the future when claimed (instance clocks differ): pending until it is not | same
    [InlineData(false, false, null, -1, Wait)]           // a second ahead of the store's clock
    [InlineData(false, false, null, -60, Wait)]
    [InlineData(false, false, null, -300, Wait)]         // the skew an enqueue allows
    [InlineData(false, true, null, -301, Wait)]
    [InlineData(false, false, null, -3600, Wait)]
    // retried after 429/503/never sent: no earlier attempt may have been processed, so no 48-hour test
    [InlineData(false, false, 46.0, 60, Send)]
    [InlineData(false, false, 100.0, 60, Send)]
    [InlineData(false, true, 100.0, 60, Send)]
    // may have been processed, resend still safe: sent | never sent again offline
    [InlineData(true, false, 1.0, 7200, Send)]
    [InlineData(true, true, 1.0, 7200, Unknown)]
    // may have been processed, window gone (now + 30 s passes FirstSentAt + 47 h): parked OutcomeUnknown
    [InlineData(true, false, 47.0, 60, Unknown)]
    [InlineData(true, false, 60.0, 60, Unknown)]
    // precedence: the 48-hour test first, because "expired" would hide that it may have been delivered
    [InlineData(true, false, 47.0, 7 * Day + 1, Unknown)]
    [InlineData(true, true, 1.0, 7 * Day + 1, Unknown)]
    [InlineData(true, false, 47.0, -3600, Unknown)]
    // ... and when the resend is still safe, age and future apply as for any event
    [InlineData(true, false, 1.0, 7 * Day + 1, Expired)]
    [InlineData(true, false, 1.0, -3600, Wait)]
    public void AtClaim(bool mayHaveBeenProcessed, bool offline, double? sinceFirstSentHours, long ageSeconds, PinterestDeliveryDecision expected)
    {
        DateTimeOffset? firstSent = sinceFirstSentHours is { } h ? Now - TimeSpan.FromHours(h) : null;
        var facts = new PinterestDeliveryFacts(Unix(Now) - ageSeconds, offline, firstSent, mayHaveBeenProcessed);
        Assert.Equal(expected, PinterestRetryRules.DecideAtClaim(facts, Defaults, Now));
    }

    [Theory]
    [InlineData(3 * Day, 0, Send)]           // the age comes from the policy
    [InlineData(3 * Day, 3 * Day, Send)]
    [InlineData(3 * Day, 3 * Day + 1, Expired)]
    [InlineData(3 * Day, -1, Wait)]
    public void AtClaim_ReadsThePolicy(long limitSeconds, long ageSeconds, PinterestDeliveryDecision expected)
    {
        var policy = new PinterestDeliveryPolicy { MaxEventAge = TimeSpan.FromSeconds(limitSeconds) };
        var facts = new PinterestDeliveryFacts(Unix(Now) - ageSeconds, false, null, false);
        Assert.Equal(expected, PinterestRetryRules.DecideAtClaim(facts, policy, Now));
    }

    /// <summary>How long an event in the future waits: until its event_time.</summary>
    [Theory]
    [InlineData(301, 301)]
    [InlineData(3600, 3600)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    [InlineData(-3600, 0)]  // in the past: no wait, never negative
    public void EventTimeWait(long aheadSeconds, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PinterestRetryRules.GetEventTimeWait(Unix(Now) + aheadSeconds, Defaults, Now));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void EventTimeWait_EndsWhenTheClaimWouldSend(int seed)
    {
        // Clocks with fractions of a second too: after the wait the claim sends; a second earlier it would still wait.
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var now = Now.AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay));
            var facts = new PinterestDeliveryFacts(Unix(now) + random.Next(-600, 7200), false, null, false);
            var wait = PinterestRetryRules.GetEventTimeWait(facts.EventTime, Defaults, now);
            var decision = PinterestRetryRules.DecideAtClaim(facts, Defaults, now);

            Assert.Equal(decision == Wait, wait > TimeSpan.Zero);
            Assert.Equal(Send, PinterestRetryRules.DecideAtClaim(facts, Defaults, now + wait));
            if (wait >= TimeSpan.FromSeconds(1))
                Assert.Equal(Wait, PinterestRetryRules.DecideAtClaim(facts, Defaults, now + wait - TimeSpan.FromSeconds(1)));
        }
    }

    /// <summary>
    /// <c>TreatLateAsOffline</c>: the offline column for any event whose resend would arrive (now + AttemptTimeout) over
    /// an hour after its event_time. <paramref name="lateness"/> is that arrival's distance from event_time, in seconds.
    /// </summary>
    [Theory]
    [InlineData(true, 3599, true)]
    [InlineData(true, 3600, true)]      // an hour exactly is not over an hour
    [InlineData(true, 3601, false)]     // over an hour: offline column, no resend
    [InlineData(true, 86_400, false)]
    [InlineData(false, 3601, true)]     // off by default: lateness changes only how Pinterest reports it
    [InlineData(false, 86_400, true)]
    public void TreatLateAsOffline(bool treatLateAsOffline, long lateness, bool safe)
    {
        var policy = new PinterestDeliveryPolicy { TreatLateAsOffline = treatLateAsOffline };
        var now = Now;
        var eventTime = Unix(now + policy.AttemptTimeout) - lateness;
        var facts = new PinterestDeliveryFacts(eventTime, isOffline: false, now.AddMinutes(-1), mayHaveBeenProcessed: true);

        Assert.Equal(safe, PinterestRetryRules.IsResendSafe(facts, policy, now));
        Assert.Equal(safe ? Again : Unknown,
            PinterestRetryRules.DecideAfterAttempt(PinterestRequestVerdict.MayHaveBeenProcessed, null, facts, policy, now));
        Assert.Equal(safe ? Send : Unknown, PinterestRetryRules.DecideAtClaim(facts, policy, now));
    }

    [Fact]
    public void TreatLateAsOffline_CountsTheAttemptTimeout()
    {
        // Not late now (59 min 45 s), but the resend may arrive 30 s later, over the hour.
        var policy = new PinterestDeliveryPolicy { TreatLateAsOffline = true };
        var facts = new PinterestDeliveryFacts(Unix(Now) - 3585, false, Now.AddMinutes(-1), true);
        Assert.False(PinterestRetryRules.IsLate(facts.EventTime, Now));
        Assert.False(PinterestRetryRules.IsResendSafe(facts, policy, Now));
    }

    [Theory]
    [InlineData(PinterestRequestVerdict.NotProcessed, null, Again)]
    [InlineData(PinterestRequestVerdict.Answered, "processed", Remove)]
    [InlineData(PinterestRequestVerdict.Answered, "failed", Rejected)]
    [InlineData(PinterestRequestVerdict.Rejected, null, Rejected)]
    [InlineData(PinterestRequestVerdict.AccountRefused, null, Hold)]
    public void TreatLateAsOffline_ChangesOnlyTheMaybeProcessedRow(PinterestRequestVerdict verdict, string? eventStatus, PinterestDeliveryDecision expected)
    {
        // The other rows read the same in both columns, so a late event follows them unchanged.
        var policy = new PinterestDeliveryPolicy { TreatLateAsOffline = true };
        var facts = new PinterestDeliveryFacts(Unix(Now) - 2 * 3600, false, Now.AddMinutes(-1), false);
        Assert.Equal(expected, PinterestRetryRules.DecideAfterAttempt(verdict, eventStatus, facts, policy, Now));
        Assert.Equal(Send, PinterestRetryRules.DecideAtClaim(facts, policy, Now)); // nothing may have been processed yet
    }

    [Theory]
    [InlineData(-60, false)]   // event_time in the future
    [InlineData(0, false)]
    [InlineData(3599, false)]
    [InlineData(3600, false)]  // an hour exactly is not over an hour
    [InlineData(3601, true)]
    [InlineData(7 * Day, true)]
    public void IsLate(long secondsAfterEventTime, bool late) =>
        Assert.Equal(late, PinterestRetryRules.IsLate(Unix(Now) - secondsAfterEventTime, Now));

    /// <summary>
    /// Exponential from BaseDelay, capped at MaxDelay, with full jitter: <c>jitter × min(MaxDelay, BaseDelay ×
    /// 2^(attempts−1))</c>.
    /// </summary>
    [Theory]
    [InlineData(1, 1, 30, 0.5, 0.5)]   // the first retry: half of BaseDelay
    [InlineData(2, 1, 30, 0.5, 1)]
    [InlineData(3, 1, 30, 0.5, 2)]
    [InlineData(4, 1, 30, 0.5, 4)]
    [InlineData(5, 1, 30, 0.5, 8)]
    [InlineData(6, 1, 30, 0.5, 15)]    // 32 s capped at 30 s
    [InlineData(7, 1, 30, 0.5, 15)]
    [InlineData(64, 1, 30, 0.5, 15)]   // past the largest exponent: still the cap, no overflow
    [InlineData(int.MaxValue, 1, 30, 0.5, 15)]
    [InlineData(0, 1, 30, 0.5, 0.5)]   // no attempt yet, or a nonsense count: the first step
    [InlineData(-5, 1, 30, 0.5, 0.5)]
    [InlineData(3, 1, 30, 0, 0)]       // full jitter reaches zero
    [InlineData(6, 1, 30, 0.25, 7.5)]
    [InlineData(3, 2, 5, 0.5, 2.5)]    // 8 s capped at 5 s
    [InlineData(1, 10, 5, 0.5, 2.5)]   // a base above the cap is capped too
    public void Backoff(int attempts, double baseSeconds, double maxSeconds, double jitter, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds),
            PinterestRetryRules.GetBackoff(attempts, TimeSpan.FromSeconds(baseSeconds), TimeSpan.FromSeconds(maxSeconds), jitter));

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public void Backoff_StaysBelowItsCap_WhichGrowsThenStops(int seed)
    {
        var random = new Random(seed);
        TimeSpan baseDelay = TimeSpan.FromSeconds(1), maxDelay = TimeSpan.FromSeconds(30);
        for (var attempts = 1; attempts <= 70; attempts++)
        {
            var cap = TimeSpan.FromTicks((long)Math.Min(maxDelay.Ticks, baseDelay.Ticks * Math.Pow(2, Math.Min(attempts - 1, 62))));
            // The cap doubles from BaseDelay and never passes MaxDelay.
            Assert.Equal(attempts <= 5 ? baseDelay * Math.Pow(2, attempts - 1) : maxDelay, cap);
            for (var i = 0; i < 100; i++)
            {
                var backoff = PinterestRetryRules.GetBackoff(attempts, baseDelay, maxDelay, random.NextDouble());
                Assert.InRange(backoff, TimeSpan.Zero, cap - TimeSpan.FromTicks(1)); // [0, cap)
            }
            Assert.InRange(PinterestRetryRules.GetBackoff(attempts, baseDelay, maxDelay, Math.BitDecrement(1.0)), cap - TimeSpan.FromTicks(1), cap);
        }
    }

    [Theory]
    [InlineData(-0.000001)]
    [InlineData(-1)]
    [InlineData(1)]          // [0, 1): one itself is out
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Backoff_RefusesJitterOutsideZeroToOne(double jitter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            PinterestRetryRules.GetBackoff(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), jitter));
        Assert.Equal("jitter", e.ParamName);
    }

    /// <summary>Pending again at the later of the backoff and Retry-After, the latter capped by MaxRetryAfter (default 10 min).</summary>
    [Theory]
    [InlineData(2, null, 600, 2)]        // no Retry-After: the backoff
    [InlineData(2, 5.0, 600, 5)]         // Retry-After later than the backoff: Retry-After
    [InlineData(8, 5.0, 600, 8)]         // backoff later: the backoff
    [InlineData(5, 5.0, 600, 5)]
    [InlineData(2, 3600.0, 600, 600)]    // one huge header: capped
    [InlineData(2, 600.0, 600, 600)]     // exactly the cap
    [InlineData(2, 601.0, 600, 600)]
    [InlineData(900, 3600.0, 600, 900)]  // the cap bounds the header, not the backoff
    [InlineData(2, 3600.0, 0, 2)]        // MaxRetryAfter 0: the header is ignored
    [InlineData(2, -5.0, 600, 2)]        // a date in the past: nothing to wait for
    [InlineData(0, 0.0, 600, 0)]
    public void RetryDelay(double backoffSeconds, double? retryAfterSeconds, double maxRetryAfterSeconds, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), PinterestRetryRules.GetRetryDelay(
            TimeSpan.FromSeconds(backoffSeconds), retryAfterSeconds is { } r ? TimeSpan.FromSeconds(r) : null, TimeSpan.FromSeconds(maxRetryAfterSeconds)));

    [Fact]
    public void Policy_DefaultsAreTheContracts()
    {
        Assert.Equal(TimeSpan.FromDays(7), Defaults.MaxEventAge);
        Assert.Equal(TimeSpan.FromHours(47), Defaults.DedupResendWindow);   // an hour inside Pinterest's 48
        Assert.Equal(TimeSpan.FromSeconds(30), Defaults.AttemptTimeout);
        Assert.False(Defaults.TreatLateAsOffline);
        Assert.Equal(TimeSpan.FromHours(1), PinterestRetryRules.LateAfter);  // "over an hour" (the article)
    }

    [Fact]
    public void EveryRule_RefusesANullPolicy()
    {
        var facts = FirstAttempt(false);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => PinterestRetryRules.DecideAtClaim(facts, null!, Now)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => PinterestRetryRules.GetEventTimeWait(0, null!, Now)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() =>
            PinterestRetryRules.DecideAfterAttempt(PinterestRequestVerdict.NotProcessed, null, facts, null!, Now)).ParamName);
        Assert.Equal("policy", Assert.Throws<ArgumentNullException>(() => PinterestRetryRules.IsResendSafe(facts, null!, Now)).ParamName);
    }
}
