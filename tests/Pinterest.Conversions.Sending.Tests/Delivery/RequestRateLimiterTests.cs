using System.Reflection;
using Pinterest.Conversions.Hosting.Delivery;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests.Delivery;

/// <summary>
/// <see cref="RequestRateLimiter"/>: requests per minute per ad account, exactly. A request is allowed when fewer than
/// the limit were allowed in the minute before it, so no 60-second window ever holds more than the limit.
/// </summary>
public class RequestRateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5000)]
    public void TheLimit_ThenRefused_UntilTheFirstLeavesTheMinute(int limit)
    {
        var limiter = new RequestRateLimiter(limit);
        for (var i = 0; i < limit; i++)
            Assert.True(limiter.TryAcquire("a", T0, out var none) && none == TimeSpan.Zero);

        // One more in the same minute is refused and told when the oldest permit frees.
        Assert.False(limiter.TryAcquire("a", T0.AddSeconds(20), out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(40), retryAfter);
        Assert.False(limiter.TryAcquire("a", T0 + Minute - Tick, out retryAfter));
        Assert.Equal(Tick, retryAfter);
        // Exactly a minute later the first request is outside the window.
        Assert.True(limiter.TryAcquire("a", T0 + Minute, out _));
    }

    [Fact]
    public void RefusedRequests_TakeNoPermit()
    {
        var limiter = new RequestRateLimiter(2);
        Assert.True(limiter.TryAcquire("a", T0, out _));
        Assert.True(limiter.TryAcquire("a", T0.AddSeconds(30), out _));
        for (var s = 31; s < 60; s++) Assert.False(limiter.TryAcquire("a", T0.AddSeconds(s), out _));
        // Hammering while refused does not push the next permit back.
        Assert.True(limiter.TryAcquire("a", T0.AddSeconds(60), out _));
        Assert.False(limiter.TryAcquire("a", T0.AddSeconds(60), out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter); // the one at 30 s is next to leave
    }

    [Fact]
    public void Keys_AreIndependent_AndOrdinal()
    {
        var limiter = new RequestRateLimiter(1);
        Assert.True(limiter.TryAcquire("549755885175", T0, out _));
        Assert.False(limiter.TryAcquire("549755885175", T0, out _));
        Assert.True(limiter.TryAcquire("549755885176", T0, out _)); // another ad account has its own minute
        Assert.True(limiter.TryAcquire("A", T0, out _));
        Assert.True(limiter.TryAcquire("a", T0, out _));             // the engine lower-cases keys; the limiter compares them as given
    }

    /// <summary>
    /// Random request streams on several keys (bursts at one instant, gaps, sub-second spacing): no 60-second window
    /// [s, s + 60 s) ever holds more than the limit of allowed requests; a request is refused only when the window
    /// ending at it is full (exact, not merely safe); and a refused request is told exactly when a permit frees.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 10)]
    [InlineData(4, 50)]
    [InlineData(5, 7)]
    public void RandomStreams_NeverExceedTheLimitInAnyMinute(int seed, int limit)
    {
        var random = new Random(seed);
        var limiter = new RequestRateLimiter(limit);
        string[] keys = ["1", "2", "3"];
        var allowed = keys.ToDictionary(k => k, _ => new List<DateTimeOffset>());
        var now = T0;
        var refusals = 0;
        for (var i = 0; i < 3000; i++)
        {
            // Mostly close together (about twice the limit per key), some at one instant, now and then a pause
            // of up to a minute and a half.
            now += random.Next(500) switch
            {
                0 => TimeSpan.FromSeconds(random.Next(30, 90)),
                < 50 => TimeSpan.Zero,
                _ => TimeSpan.FromTicks(random.NextInt64(0, TimeSpan.FromSeconds(30.0 / limit / keys.Length).Ticks)),
            };
            var key = keys[random.Next(keys.Length)];
            var log = allowed[key];
            var inWindow = log.Count(t => t > now - Minute);
            if (limiter.TryAcquire(key, now, out var retryAfter))
            {
                Assert.True(inWindow < limit);
                log.Add(now);
            }
            else
            {
                refusals++;
                Assert.Equal(limit, inWindow); // refused only when full
                // The permit frees when the oldest request in the window leaves it, not a tick later or sooner.
                var frees = log.Where(t => t > now - Minute).Min() + Minute;
                Assert.Equal(frees - now, retryAfter);
                Assert.True(retryAfter > TimeSpan.Zero);
            }
            if (random.Next(200) == 0) limiter.Prune(now); // pruning never changes an answer
        }
        Assert.True(refusals > 0, "the stream should have reached the limit");

        foreach (var log in allowed.Values)
        {
            // The fullest window starts at an allowed request.
            foreach (var start in log)
                Assert.InRange(log.Count(t => t >= start && t < start + Minute), 1, limit);
        }
    }

    [Fact]
    public void ARefusedRequest_GetsAPermitAtTheTimeItWasTold()
    {
        var random = new Random(11);
        var limiter = new RequestRateLimiter(4);
        var now = T0;
        for (var i = 0; i < 1000; i++)
        {
            now += TimeSpan.FromMilliseconds(random.Next(0, 8000));
            if (limiter.TryAcquire("a", now, out var retryAfter)) continue;
            // A tick earlier it is still refused; at the time told it is allowed (then taken, as a sender would).
            Assert.False(limiter.TryAcquire("a", now + retryAfter - Tick, out _));
            now += retryAfter;
            Assert.True(limiter.TryAcquire("a", now, out _));
        }
    }

    [Fact]
    public void Prune_ForgetsOnlyKeysIdleForAMinute()
    {
        var limiter = new RequestRateLimiter(1);
        Assert.True(limiter.TryAcquire("old", T0, out _));
        Assert.True(limiter.TryAcquire("recent", T0.AddSeconds(30), out _));

        limiter.Prune(T0 + Minute - Tick);
        Assert.Equal(["old", "recent"], Keys(limiter)); // "old" is still inside its minute
        limiter.Prune(T0 + Minute);
        Assert.Equal(["recent"], Keys(limiter));        // its memory is the point of pruning
        // The key that stayed still counts its request: pruning must not reset a live minute.
        Assert.False(limiter.TryAcquire("recent", T0.AddSeconds(60), out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(30), retryAfter);
        limiter.Prune(T0.AddSeconds(90));
        Assert.Empty(Keys(limiter));
        // A forgotten key starts afresh.
        Assert.True(limiter.TryAcquire("old", T0.AddSeconds(90), out _));
    }

    // The limiter's only observable memory: the keys it keeps a log for.
    private static List<string> Keys(RequestRateLimiter limiter)
    {
        var logs = (Dictionary<string, Queue<DateTimeOffset>>)typeof(RequestRateLimiter)
            .GetField("_logs", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(limiter)!;
        return logs.Keys.Order(StringComparer.Ordinal).ToList();
    }
}
