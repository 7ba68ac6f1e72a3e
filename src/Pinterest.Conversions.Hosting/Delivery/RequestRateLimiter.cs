namespace Pinterest.Conversions.Hosting.Delivery;

/// <summary>
/// Requests per minute per ad account, exactly: a request is allowed when fewer than the limit were made in the minute
/// before it, so no 60-second window ever holds more. A small log of request times per key, on a
/// <see cref="TimeProvider"/> (System.Threading.RateLimiting takes none). Its memory is bounded by the requests this
/// process actually made in the last minute, which its concurrency limit bounds in turn. Not thread-safe: the engine's
/// scheduler and senders call it under the engine's lock.
/// </summary>
internal sealed class RequestRateLimiter(int requestsPerMinute)
{
    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _logs = new(StringComparer.Ordinal);

    /// <summary>Takes a permit for <paramref name="key"/> at <paramref name="now"/>, or says how long until one frees up.</summary>
    public bool TryAcquire(string key, DateTimeOffset now, out TimeSpan retryAfter)
    {
        if (!_logs.TryGetValue(key, out var log)) _logs.Add(key, log = new Queue<DateTimeOffset>());
        while (log.Count > 0 && log.Peek() <= now - s_window) log.Dequeue();
        if (log.Count < requestsPerMinute)
        {
            log.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
        retryAfter = log.Peek() + s_window - now;
        if (retryAfter <= TimeSpan.Zero) retryAfter = TimeSpan.FromTicks(1);
        return false;
    }

    /// <summary>Forgets keys with no request in the last minute.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var key in _logs.Where(l => l.Value.Count == 0 || l.Value.Last() <= now - s_window).Select(l => l.Key).ToList())
            _logs.Remove(key);
    }
}
