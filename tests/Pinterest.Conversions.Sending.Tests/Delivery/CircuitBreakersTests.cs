using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Hosting.Delivery;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests.Delivery;

/// <summary>
/// <see cref="CircuitBreakers"/>: one breaker per ad account. It opens when the share of failed attempts in the
/// sampling window reaches the ratio (after the minimum throughput), refuses for the break duration, lets one probe
/// through, closes on a successful probe and opens again on a failed one.
/// </summary>
public class CircuitBreakersTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    // Small numbers so that each row is short: 4 attempts, half failed, in 10 s; a 5 s break.
    private static CircuitBreakers Create(double ratio = 0.5, int minimumThroughput = 4) => new(new PinterestRetryOptions
    {
        CircuitBreakerFailureRatio = ratio,
        CircuitBreakerMinimumThroughput = minimumThroughput,
        CircuitBreakerSamplingDuration = TimeSpan.FromSeconds(10),
        CircuitBreakerBreakDuration = Break,
    });

    // One attempt per second from T0: F failed, S succeeded. Returns when the last one ended.
    private static DateTimeOffset Record(CircuitBreakers breakers, string key, string attempts, DateTimeOffset? from = null)
    {
        var at = from ?? T0;
        for (var i = 0; i < attempts.Length; i++, at = at.AddSeconds(1))
            breakers.Record(key, at, failed: attempts[i] == 'F');
        return at.AddSeconds(-1);
    }

    /// <summary>
    /// Successes before the first failure count in the share (the breaker once counted from the first failure on, so a busy
    /// account tripped on a handful of failures and a quiet one late).
    /// </summary>
    [Theory]
    [InlineData("SFFF", true)]              // 3 of 4 failed
    [InlineData("SSFF", true)]              // 2 of 4: the ratio reached
    [InlineData("SSSSSFFFF", false)]        // 4 of 9
    [InlineData("SSSSSSSSSSFFFF", false)]   // the 10 s window holds 4 failures in 10
    public void SuccessesBeforeAFailure_CountInTheShare(string attempts, bool open)
    {
        var breakers = Create();
        var last = Record(breakers, "a", attempts);
        Assert.Equal(!open, breakers.Allows("a", last, out _));
    }

    [Fact]
    public void ALateSuccess_DuringTheBreak_DoesNotEndIt()
    {
        // An attempt that began before the circuit opened ends during the break: its answer changes nothing.
        var breakers = Create();
        var opened = Record(breakers, "a", "FFFF");
        breakers.Record("a", opened.AddSeconds(1), failed: false);
        Assert.False(breakers.Allows("a", opened.AddSeconds(2), out var reopensAt));
        Assert.Equal(opened + Break, reopensAt);
    }

    /// <summary>Opens once the window holds the minimum throughput and the failure share reaches the ratio.</summary>
    [Theory]
    [InlineData(0.5, 4, "", false)]
    [InlineData(0.5, 4, "SSSS", false)]
    [InlineData(0.5, 4, "F", false)]          // under the minimum throughput, even all failed
    [InlineData(0.5, 4, "FFF", false)]
    [InlineData(0.5, 4, "FFFF", true)]
    [InlineData(0.5, 4, "FSFS", true)]        // 2 of 4: the ratio is reached, not exceeded
    [InlineData(0.5, 4, "FSSF", true)]
    [InlineData(0.5, 4, "FSSS", false)]       // 1 of 4
    [InlineData(0.5, 4, "FSSSF", false)]      // 2 of 5
    [InlineData(0.5, 4, "FSSSFF", true)]      // 3 of 6
    [InlineData(1.0, 4, "FFFS", false)]       // ratio 1: every attempt must fail
    [InlineData(1.0, 4, "FFFF", true)]
    [InlineData(0.25, 8, "FSSSSSS", false)]   // 7 attempts: under the minimum
    [InlineData(0.25, 8, "FSSSSSSF", true)]   // 2 of 8
    public void Opens(double ratio, int minimumThroughput, string attempts, bool open)
    {
        var breakers = Create(ratio, minimumThroughput);
        var last = Record(breakers, "a", attempts);
        Assert.Equal(!open, breakers.Allows("a", last, out var reopensAt));
        Assert.Equal(open ? last + Break : default, reopensAt);
        Assert.Equal(open ? new[] { "a" } : [], breakers.OpenKeys(last));
    }

    [Fact]
    public void Failures_OutsideTheSamplingWindow_DoNotCount()
    {
        var breakers = Create();
        // Three failures, then a fourth 10 s after the first: the first two have left the window (t <= now - 10 s).
        breakers.Record("a", T0, true);
        breakers.Record("a", T0.AddSeconds(1), true);
        breakers.Record("a", T0.AddSeconds(2), true);
        breakers.Record("a", T0.AddSeconds(11), true);
        Assert.True(breakers.Allows("a", T0.AddSeconds(11), out _));
        // Three more at 12 s: the one at 2 s leaves, and the window holds four failures: it opens.
        breakers.Record("a", T0.AddSeconds(12), true);
        breakers.Record("a", T0.AddSeconds(12), true);
        Assert.True(breakers.Allows("a", T0.AddSeconds(12), out _));
        breakers.Record("a", T0.AddSeconds(12), true);
        Assert.False(breakers.Allows("a", T0.AddSeconds(12), out _));
    }

    [Fact]
    public void Open_RefusesForTheBreak_ThenLetsExactlyOneProbeThrough()
    {
        var breakers = Create();
        var opened = Record(breakers, "a", "FFFF");
        var reopens = opened + Break;

        Assert.False(breakers.Allows("a", opened, out var at));
        Assert.Equal(reopens, at);
        Assert.False(breakers.Allows("a", reopens - Tick, out at)); // the whole break
        Assert.Equal(reopens, at);

        Assert.True(breakers.Allows("a", reopens, out _));         // the break is over: a probe may go
        breakers.Begin("a", reopens);
        Assert.False(breakers.Allows("a", reopens, out at));       // one probe only: the next sender waits for its answer
        Assert.True(at > reopens);
        Assert.False(breakers.Allows("a", reopens.AddMinutes(10), out _)); // however long it takes
        Assert.Equal(["a"], breakers.OpenKeys(reopens.AddMinutes(10)));
    }

    [Fact]
    public void ASuccessfulProbe_Closes_AndTheCountStartsAfresh()
    {
        var breakers = Create();
        var reopens = Record(breakers, "a", "FFFF") + Break;
        breakers.Begin("a", reopens);
        breakers.Record("a", reopens.AddSeconds(1), failed: false);

        Assert.True(breakers.Allows("a", reopens.AddSeconds(1), out _));
        Assert.Empty(breakers.OpenKeys(reopens.AddSeconds(1)));
        // The failures before the break are forgotten: three new ones stay under the minimum throughput.
        var last = Record(breakers, "a", "FFF", reopens.AddSeconds(2));
        Assert.True(breakers.Allows("a", last, out _));
        breakers.Record("a", last, true);
        Assert.False(breakers.Allows("a", last, out _));
    }

    [Fact]
    public void AFailedProbe_OpensAgain_ForAnotherBreak()
    {
        var breakers = Create();
        var reopens = Record(breakers, "a", "FFFF") + Break;
        breakers.Begin("a", reopens);
        var failedAt = reopens.AddSeconds(2);
        breakers.Record("a", failedAt, failed: true);  // one failure is enough: no minimum throughput for a probe

        Assert.False(breakers.Allows("a", failedAt, out var at));
        Assert.Equal(failedAt + Break, at);
        Assert.False(breakers.Allows("a", failedAt + Break - Tick, out _));
        Assert.True(breakers.Allows("a", failedAt + Break, out _));  // and then one probe again
        breakers.Begin("a", failedAt + Break);
        Assert.False(breakers.Allows("a", failedAt + Break, out _));
    }

    [Fact]
    public void Begin_BeforeTheBreakEnds_IsNotAProbe()
    {
        // An attempt that began before the circuit opened (or a caller that did not ask) does not end the break.
        var breakers = Create();
        var opened = Record(breakers, "a", "FFFF");
        breakers.Begin("a", opened.AddSeconds(1));
        Assert.False(breakers.Allows("a", opened.AddSeconds(1), out var at));
        Assert.Equal(opened + Break, at);
        Assert.True(breakers.Allows("a", opened + Break, out _));
    }

    [Fact]
    public void Keys_AreIndependent()
    {
        var breakers = Create();
        var last = Record(breakers, "549755885175", "FFFF");
        Record(breakers, "549755885176", "FFF");

        Assert.False(breakers.Allows("549755885175", last, out _));
        Assert.True(breakers.Allows("549755885176", last, out _));   // its own count: three, under the minimum
        Assert.True(breakers.Allows("never-seen", last, out var at));
        Assert.Equal(default, at);
        Assert.Equal(["549755885175"], breakers.OpenKeys(last));

        // A probe of one account does not stand in for another's.
        breakers.Begin("549755885175", last + Break);
        breakers.Record("549755885176", last + Break, true);
        Assert.False(breakers.Allows("549755885176", last + Break, out _));
        Assert.False(breakers.Allows("549755885175", last + Break, out _));
        breakers.Record("549755885175", last + Break, false);
        Assert.True(breakers.Allows("549755885175", last + Break, out _));
        Assert.False(breakers.Allows("549755885176", last + Break, out _));
    }

    [Fact]
    public void OpenKeys_ListOpenAndProbing_NotOnesWhoseBreakIsOver()
    {
        var breakers = Create();
        var last = Record(breakers, "a", "FFFF");
        Record(breakers, "b", "FFFF", last.AddSeconds(1));
        var bReopens = last.AddSeconds(4) + Break;
        Assert.Equal(["a", "b"], breakers.OpenKeys(last.AddSeconds(4)).Order());
        Assert.Equal(["b"], breakers.OpenKeys(last + Break));   // a's break is over: it may send its probe
        breakers.Begin("a", last + Break);
        Assert.Equal(["a", "b"], breakers.OpenKeys(last + Break).Order()); // a is probing
        Assert.Equal(["a"], breakers.OpenKeys(bReopens));
    }
}
