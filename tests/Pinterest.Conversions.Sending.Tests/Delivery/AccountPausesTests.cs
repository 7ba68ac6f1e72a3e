using Pinterest.Conversions.Hosting.Delivery;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests.Delivery;

/// <summary>
/// <see cref="AccountPauses"/>: a 401/403 pauses the account (backoff up to <c>MaxPause</c>, then one probe request);
/// a 429 holds it back until its Retry-After; a 404 or 3xx pauses all sending.
/// </summary>
public class AccountPausesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    // The engine's values: Retry.BaseDelay 1 s, Delivery.MaxPause 5 min.
    private static AccountPauses Create() => new(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));

    /// <summary>Each failed probe pauses again for twice as long, up to the maximum.</summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]   // 512 s capped at MaxPause
    [InlineData(11, 300)]
    [InlineData(100, 300)]  // never overflows
    public void Pause_DoublesUpToTheMax(int pauses, double expectedSeconds)
    {
        var p = Create();
        var now = T0;
        var until = now;
        for (var i = 0; i < pauses; i++)
        {
            now = until; // the probe goes when the pause ends, and fails
            until = p.PauseAccount("a", "HTTP 401", now);
        }
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), until - now);
    }

    [Fact]
    public void Paused_WaitsThenProbes_UntilResumed()
    {
        var p = Create();
        var until = p.PauseAccount("a", "HTTP 403: forbidden", T0);
        Assert.True(p.IsPaused("a"));
        Assert.False(p.MaySend("a", T0, out var probeOnly));
        Assert.False(p.MaySend("a", until - Tick, out probeOnly));
        // The pause is over: one probe request (the account stays paused until an answer).
        Assert.True(p.MaySend("a", until, out probeOnly));
        Assert.True(probeOnly);
        Assert.True(p.IsPaused("a"));
        Assert.True(p.MaySend("a", until.AddHours(1), out probeOnly) && probeOnly);

        // The probe was answered: the account sends freely and a later pause starts again from the first step.
        Assert.True(p.Resume("a"));
        Assert.False(p.IsPaused("a"));
        Assert.True(p.MaySend("a", until, out probeOnly));
        Assert.False(probeOnly);
        Assert.False(p.Resume("a")); // nothing to resume
        Assert.Equal(TimeSpan.FromSeconds(1), p.PauseAccount("a", "HTTP 401", until) - until);
    }

    [Fact]
    public void Paused_ListsReasonAndUntil_PerAccount()
    {
        var p = Create();
        var aUntil = p.PauseAccount("a", "HTTP 401: first", T0);
        aUntil = p.PauseAccount("a", "HTTP 403: second", aUntil);
        var bUntil = p.PauseAccount("b", "no account resolved", T0);
        Assert.Equal([("a", "HTTP 403: second", aUntil), ("b", "no account resolved", bUntil)], p.Paused.OrderBy(x => x.Account));
        Assert.True(p.MaySend("c", T0, out var probeOnly) && !probeOnly); // the others send
    }

    [Fact]
    public void Hold_UntilTheTime_NeverShortened()
    {
        var p = Create();
        p.Hold("a", T0.AddSeconds(30));   // a 429 with Retry-After 30
        p.Hold("a", T0.AddSeconds(10));   // a later, shorter one does not cut the first short
        Assert.False(p.MaySend("a", T0.AddSeconds(30) - Tick, out _));
        Assert.True(p.MaySend("a", T0.AddSeconds(30), out var probeOnly));
        Assert.False(probeOnly);          // held is not paused: no probe, the whole account sends again
        Assert.False(p.IsPaused("a"));

        p.Hold("a", T0.AddSeconds(40));
        p.Hold("a", T0.AddSeconds(60));   // a longer one extends it
        Assert.False(p.MaySend("a", T0.AddSeconds(59), out _));
        Assert.True(p.MaySend("a", T0.AddSeconds(60), out _));
        Assert.True(p.MaySend("b", T0, out _)); // per account
    }

    [Fact]
    public void HeldAndPaused_TheLaterWins()
    {
        var p = Create();
        var until = p.PauseAccount("a", "HTTP 401", T0);   // 1 s
        p.Hold("a", T0.AddSeconds(20));
        Assert.False(p.MaySend("a", until, out _));       // the pause is over but the hold is not
        Assert.True(p.MaySend("a", T0.AddSeconds(20), out var probeOnly));
        Assert.True(probeOnly);                           // and then still a probe: the 401 is unanswered
    }

    [Fact]
    public void Blocked_ListsAccountsThatCannotSend_AndTheNextChange()
    {
        var p = Create();
        Assert.Empty(p.Blocked(T0, out var next));
        Assert.Null(next);

        p.Hold("held", T0.AddSeconds(30));
        var pausedUntil = p.PauseAccount("paused", "HTTP 401", T0);        // 1 s
        p.Hold("over", T0.AddSeconds(-1));                                  // a hold already over blocks nothing
        Assert.Equal(["held", "paused"], p.Blocked(T0, out next).Order());
        Assert.Equal(pausedUntil, next);                                    // the earliest change

        // Once the pause is over the account is not blocked (its probe may be claimed); the hold still is.
        Assert.Equal(["held"], p.Blocked(pausedUntil, out next));
        Assert.Equal(T0.AddSeconds(30), next);
        Assert.Empty(p.Blocked(T0.AddSeconds(30), out next));
        Assert.Null(next);
    }

    [Fact]
    public void PauseAll_Doubles_AndResumeAllStartsAgain()
    {
        var p = Create();
        Assert.Null(p.AllPausedReason);
        Assert.True(p.AllPausedUntil <= T0);

        var until = p.PauseAll("HTTP 404 from https://api.pinterest.com/", T0);
        Assert.Equal(T0.AddSeconds(1), until);
        Assert.Equal(until, p.AllPausedUntil);
        Assert.Equal("HTTP 404 from https://api.pinterest.com/", p.AllPausedReason);
        var again = p.PauseAll("HTTP 301 from https://api.pinterest.com/", until);
        Assert.Equal(until.AddSeconds(2), again);
        Assert.Equal("HTTP 301 from https://api.pinterest.com/", p.AllPausedReason);
        for (var i = 0; i < 20; i++) again = p.PauseAll("HTTP 404", again);
        Assert.Equal(TimeSpan.FromMinutes(5), p.PauseAll("HTTP 404", again) - again); // capped like an account

        // Pinterest answered after the pause: the base address works; the next pause starts from the first step.
        var answeredAt = p.AllPausedUntil;
        p.ResumeAll();
        Assert.Null(p.AllPausedReason);
        Assert.True(p.AllPausedUntil <= answeredAt);
        Assert.Equal(answeredAt.AddSeconds(1), p.PauseAll("HTTP 404", answeredAt));
    }

    [Fact]
    public void ResumeAll_DuringAPause_EndsItAtOnce()
    {
        // A 200 arrives just after another request's 404: the base address works, nothing is held any more.
        var p = Create();
        p.PauseAll("HTTP 404", T0);
        p.ResumeAll();
        Assert.True(p.AllPausedUntil <= T0);
    }

    [Fact]
    public void PauseAll_LeavesAccountsAlone()
    {
        // All sending is the engine's check; account pauses and holds are their own.
        var p = Create();
        p.PauseAll("HTTP 404", T0);
        Assert.True(p.MaySend("a", T0, out var probeOnly) && !probeOnly);
        Assert.Empty(p.Blocked(T0, out _));
        Assert.Empty(p.Paused);
    }
}
