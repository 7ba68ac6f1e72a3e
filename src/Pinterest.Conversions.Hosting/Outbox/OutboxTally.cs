namespace Pinterest.Conversions.Hosting.Outbox;

/// <summary>Adds up rows into <see cref="PinterestOutboxStatistics"/>, in all and per account (stores that count row by row).</summary>
internal sealed class OutboxTally
{
    private readonly Dictionary<string, Counts> _accounts = new(StringComparer.Ordinal);

    public void Add(string account, bool pending, bool inFlight, bool parked, DateTimeOffset enqueuedAt)
    {
        if (!_accounts.TryGetValue(account, out var counts)) _accounts.Add(account, counts = new Counts());
        if (pending)
        {
            counts.Pending++;
            if (counts.Oldest is null || enqueuedAt < counts.Oldest) counts.Oldest = enqueuedAt;
        }
        if (inFlight) counts.InFlight++;
        if (parked) counts.Parked++;
    }

    public PinterestOutboxStatistics ToStatistics(DateTimeOffset now)
    {
        var accounts = _accounts
            .OrderBy(a => a.Key, StringComparer.Ordinal)
            .Select(a => new PinterestOutboxAccountStatistics(AccountKeys.FromStored(a.Key), a.Value.Pending, a.Value.InFlight, a.Value.Parked,
                a.Value.Oldest is { } oldest ? Age(now, oldest) : null, isPaused: false))
            .ToList();
        var oldestAll = _accounts.Values.Where(c => c.Oldest is not null).Select(c => c.Oldest!.Value).DefaultIfEmpty().Min();
        var anyPending = _accounts.Values.Any(c => c.Oldest is not null);
        return new PinterestOutboxStatistics(accounts.Sum(a => a.Pending), accounts.Sum(a => a.InFlight), accounts.Sum(a => a.Parked),
            anyPending ? Age(now, oldestAll) : null, accounts);
    }

    private static TimeSpan Age(DateTimeOffset now, DateTimeOffset then) => now > then ? now - then : TimeSpan.Zero;

    private sealed class Counts
    {
        public long Pending;
        public long InFlight;
        public long Parked;
        public DateTimeOffset? Oldest;
    }
}
