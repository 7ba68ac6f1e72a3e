using Pinterest.Conversions.Hosting.Delivery;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// <see cref="IPinterestOutbox"/> over the registered store: its counts with the sender's paused accounts marked, the
/// parked list, redrive (which wakes the sender) and purge.
/// </summary>
internal sealed class PinterestOutbox(IPinterestOutboxStore store, DeliveryEngine engine) : IPinterestOutbox
{
    public async ValueTask<PinterestOutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        var statistics = await store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        var paused = engine.PausedAccounts().Where(p => !p.IsAllSending).Select(p => AccountKeys.ToStored(p.Account)).ToHashSet(StringComparer.Ordinal);
        var accounts = statistics.Accounts.Select(a => a.WithPaused(paused.Remove(AccountKeys.ToStored(a.Account)))).ToList();
        // A paused account with nothing in the outbox is still worth showing.
        accounts.AddRange(paused.Select(p => new PinterestOutboxAccountStatistics(AccountKeys.FromStored(p), 0, 0, 0, null, isPaused: true)));
        return new PinterestOutboxStatistics(statistics.Pending, statistics.InFlight, statistics.Parked, statistics.OldestPendingAge, accounts);
    }

    public IAsyncEnumerable<PinterestParkedEvent> GetParkedAsync(string? account = null, int limit = 1000, string? after = null, CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit is 1 to 100000.");
        OutboxIds.Parse(after); // a malformed paging token is the caller's error, said at once
        return store.GetParkedAsync(account, limit, after, cancellationToken);
    }

    public async ValueTask<int> RedriveAsync(PinterestOutboxSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var count = await store.RedriveAsync(selection, cancellationToken).ConfigureAwait(false);
        if (count > 0) engine.Wake();
        return count;
    }

    public ValueTask<int> PurgeAsync(PinterestOutboxSelection selection, bool releaseIdempotencyKeys = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return store.PurgeAsync(selection, releaseIdempotencyKeys, cancellationToken);
    }
}
