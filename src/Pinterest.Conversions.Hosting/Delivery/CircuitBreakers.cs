namespace Pinterest.Conversions.Hosting.Delivery;

/// <summary>
/// One circuit breaker per ad account, so a failing account never holds up the others: it opens when the share of failed
/// attempts in the sampling window reaches the ratio (after the minimum throughput), refuses for the break duration, then
/// lets one probe through. Hand-written rather than Polly's because the scheduler must ask before it claims a batch
/// whether an account may send; Polly's breaker moves to half-open only on an execution. Not thread-safe: called under
/// the engine's lock.
/// </summary>
internal sealed class CircuitBreakers(PinterestRetryOptions options)
{
    private readonly Dictionary<string, Breaker> _breakers = new(StringComparer.Ordinal);

    /// <summary>True when <paramref name="key"/> may send now; otherwise when it may again.</summary>
    public bool Allows(string key, DateTimeOffset now, out DateTimeOffset reopensAt)
    {
        reopensAt = default;
        if (!_breakers.TryGetValue(key, out var breaker)) return true;
        switch (breaker.State)
        {
            case State.Open when now < breaker.OpenUntil:
                reopensAt = breaker.OpenUntil;
                return false;
            case State.Open:
                return true; // a probe may go
            case State.Probing:
                reopensAt = now + options.CircuitBreakerBreakDuration;
                return false;
            default:
                return true;
        }
    }

    /// <summary>Marks the start of an attempt (an open breaker whose break is over lets this one through as the probe).</summary>
    public void Begin(string key, DateTimeOffset now)
    {
        if (_breakers.TryGetValue(key, out var breaker) && breaker.State == State.Open && now >= breaker.OpenUntil) breaker.State = State.Probing;
    }

    /// <summary>Records an attempt's end: <paramref name="failed"/> when the server or network failed.</summary>
    public void Record(string key, DateTimeOffset now, bool failed)
    {
        if (!_breakers.TryGetValue(key, out var breaker)) _breakers.Add(key, breaker = new Breaker());
        switch (breaker.State)
        {
            case State.Open:
                return; // an attempt that began before the break: its answer neither ends nor extends it
            case State.Probing:
                if (failed) Open(breaker, now);
                else _breakers.Remove(key);
                return;
        }
        // The share of failures among every attempt in the sampling window, successes included.
        var samples = breaker.Samples;
        samples.Enqueue((now, failed));
        while (samples.Count > 0 && samples.Peek().At <= now - options.CircuitBreakerSamplingDuration) samples.Dequeue();
        var failures = samples.Count(s => s.Failed);
        if (samples.Count >= options.CircuitBreakerMinimumThroughput && (double)failures / samples.Count >= options.CircuitBreakerFailureRatio)
            Open(breaker, now);
    }

    /// <summary>Forgets closed breakers with no attempt in the sampling window (idle accounts keep no state).</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var key in _breakers.Where(b => b.Value.State == State.Closed
                     && (b.Value.Samples.Count == 0 || b.Value.Samples.Last().At <= now - options.CircuitBreakerSamplingDuration)).Select(b => b.Key).ToList())
            _breakers.Remove(key);
    }

    /// <summary>The keys whose breaker is open or probing now.</summary>
    public IEnumerable<string> OpenKeys(DateTimeOffset now) =>
        _breakers.Where(b => b.Value.State == State.Probing || (b.Value.State == State.Open && now < b.Value.OpenUntil)).Select(b => b.Key);

    private void Open(Breaker breaker, DateTimeOffset now)
    {
        breaker.State = State.Open;
        breaker.OpenUntil = now + options.CircuitBreakerBreakDuration;
        breaker.Samples.Clear();
    }

    private enum State
    {
        Closed,
        Open,
        Probing,
    }

    private sealed class Breaker
    {
        public State State { get; set; }
        public DateTimeOffset OpenUntil { get; set; }
        public Queue<(DateTimeOffset At, bool Failed)> Samples { get; } = new();
    }
}
