using Microsoft.Data.Sqlite;
using Npgsql;
using Pinterest.Conversions.Hosting.Outbox;
using Pinterest.Conversions.Outbox.PostgreSql;
using Xunit;

namespace Pinterest.Conversions.Outbox.Tests.Stores;

/// <summary>
/// What only the PostgreSQL outbox does, on a real server and its clock: many instances starting and claiming at once,
/// enqueue in the caller's transaction, leases that run out on the server's clock, LISTEN/NOTIFY wake-ups.
/// </summary>
public sealed class PostgreSqlOutboxTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(40);
    private static readonly OutboxLimits Limits = new(1_000_000, TimeSpan.FromDays(7));
    private readonly string _schema = PostgresServer.NewSchema();
    private readonly List<IPinterestOutboxStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores) await store.DisposeAsync();
    }

    private async Task<PostgreSqlOutboxStore> StartAsync(Action? wakeUp = null, bool listen = true)
    {
        var store = PostgresServer.Store(_schema, listen: listen);
        lock (_stores) _stores.Add(store);
        await store.StartAsync(wakeUp ?? (() => { }), default);
        return store;
    }

    private static void Add(IPinterestOutboxStore store, params OutboxNewEvent[] events) => store.Add(events, new OutboxAddResult[events.Length], Limits);

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task ManyInstancesStartingAtOnce_OnAnEmptySchema_CreateItOnce_WithoutError()
    {
        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => StartAsync(listen: false))));
        Assert.Equal(1, await ScalarAsync($"SELECT count(*) FROM {_schema}.outbox_schema"));
        Assert.Equal(PostgreSqlOutboxSchema.Version, await ScalarAsync($"SELECT max(version) FROM {_schema}.outbox_schema"));
        Add(_stores[0], NewEvents.Make("started"));
        Assert.Single((await _stores[^1].ClaimAsync("", 10, Lease, default)).Events);
    }

    [Fact]
    public async Task InstancesClaimingAtOnce_NeverClaimAnEventTwice()
    {
        var instances = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => StartAsync(listen: false)));
        Add(instances[0], Enumerable.Range(0, 400).Select(i => NewEvents.Make($"c-{i}", account: i % 2 == 0 ? null : "tenant")).ToArray());
        var claimed = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(instances.Select(store => Task.Run(async () =>
        {
            while (true)
            {
                var any = false;
                foreach (var account in new[] { "", "tenant" })
                {
                    var claim = await store.ClaimAsync(account, 7, Lease, default);
                    foreach (var e in claim.Events) claimed.Add(e.EventId);
                    any |= claim.Events.Count > 0;
                }
                if (!any) return;
            }
        })));
        Assert.Equal(400, claimed.Count);
        Assert.Equal(400, claimed.Distinct().Count());
    }

    [Fact]
    public async Task EnqueueInTheCallersTransaction_RollbackLeavesNoTrace_CommitMakesItSendable_EvenWithALowerIdCommittedLater()
    {
        var store = await StartAsync(listen: false);
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();

        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            Assert.Equal(OutboxAddResult.Added, await store.AddAsync(rolledBack, NewEvents.Make("gone", offline: true), Limits, default));
            await rolledBack.RollbackAsync();
        }
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {_schema}.outbox_events"));
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM {_schema}.outbox_keys")); // the offline key went with it

        // A long transaction takes a lower id, then a later event commits and is claimed first; the long one still comes.
        var longTransaction = await connection.BeginTransactionAsync();
        await store.AddAsync(longTransaction, NewEvents.Make("long"), Limits, default);
        Add(store, NewEvents.Make("quick"));
        Assert.Equal(["quick"], (await store.ClaimAsync("", 10, Lease, default)).Events.Select(e => e.EventId));
        await longTransaction.CommitAsync();
        await longTransaction.DisposeAsync();
        Assert.Equal(["long"], (await store.ClaimAsync("", 10, Lease, default)).Events.Select(e => e.EventId));

        // A replayed offline event inside a transaction is a Duplicate and leaves the transaction usable.
        Add(store, NewEvents.Make("replayed", offline: true));
        await using (var replay = await connection.BeginTransactionAsync())
        {
            Assert.Equal(OutboxAddResult.Duplicate, await store.AddAsync(replay, NewEvents.Make("replayed", offline: true), Limits, default));
            await using var still = new NpgsqlCommand("SELECT 1", connection, replay);
            Assert.Equal(1, await still.ExecuteScalarAsync());
            await replay.CommitAsync();
        }
    }

    [Fact]
    public async Task AnotherProvidersTransaction_OrADatabaseWithoutTheTables_IsNotSupported()
    {
        var store = await StartAsync(listen: false);
        using (var sqlite = new SqliteConnection("Data Source=:memory:"))
        {
            sqlite.Open();
            using var transaction = sqlite.BeginTransaction();
            await Assert.ThrowsAsync<NotSupportedException>(() => store.AddAsync(transaction, NewEvents.Make("x"), Limits, default).AsTask());
        }
        var elsewhere = PostgresServer.Store(PostgresServer.NewSchema(), listen: false); // never started: its schema does not exist
        _stores.Add(elsewhere);
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var npgsql = await connection.BeginTransactionAsync();
        await Assert.ThrowsAsync<NotSupportedException>(() => elsewhere.AddAsync(npgsql, NewEvents.Make("x"), Limits, default).AsTask());
    }

    [Fact]
    public async Task ALeaseThatRunsOutOnTheServersClock_ReturnsItsRowsToAnotherInstance_SendingOnesFlagged()
    {
        var killed = await StartAsync(listen: false);
        var survivor = await StartAsync(listen: false);
        Add(killed, NewEvents.Make("never-sent"), NewEvents.Make("was-sending"));
        var claim = await killed.ClaimAsync("", 10, TimeSpan.FromMilliseconds(300), default);
        Assert.Single(await killed.MarkSendingAsync(claim.LeaseToken, [claim.Events.Single(e => e.EventId == "was-sending").Id], TimeSpan.FromMilliseconds(300), default));
        // The instance "dies" here: nothing more from it. Another instance finds the rows once the lease has run out.
        // (Each row comes back when its own lease ends: the mark extended the sending row's.)
        var back = new List<(OutboxClaim Claim, OutboxEvent Event)>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (back.Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{back.Count} of 2 rows came back within 30 s of a 300 ms lease");
            await survivor.GetReadyAsync(100, [], default);
            var again = await survivor.ClaimAsync("", 10, Lease, default);
            back.AddRange(again.Events.Select(e => (again, e)));
            if (back.Count < 2) await Task.Delay(20);
        }
        var byId = back.ToDictionary(b => b.Event.EventId, b => b.Event);
        Assert.Equal(2, byId.Count);
        Assert.False(byId["never-sent"].MayHaveBeenProcessed);
        Assert.Equal(0, byId["never-sent"].Attempts);
        Assert.True(byId["was-sending"].MayHaveBeenProcessed);
        Assert.NotNull(byId["was-sending"].FirstSentAt);
        // The dead instance's late writes are fenced off.
        await killed.ParkAsync(claim.LeaseToken, claim.Events.Select(e => new OutboxPark(e.Id, Hosting.PinterestParkReason.Rejected, "late")).ToList(), default);
        Assert.Empty(await killed.MarkSendingAsync(claim.LeaseToken, claim.Events.Select(e => e.Id).ToList(), Lease, default));
        foreach (var (again, e) in back) Assert.Single(await survivor.MarkSendingAsync(again.LeaseToken, [e.Id], Lease, default));
    }

    [Fact]
    public async Task ListenNotify_WakesOtherInstancesAtTheCommit_OncePerTransaction_NeverForARollback()
    {
        var woken = 0;
        var wake = new SemaphoreSlim(0);
        var sender = await StartAsync(() =>
        {
            Interlocked.Increment(ref woken);
            wake.Release();
        });
        Assert.True(await wake.WaitAsync(TimeSpan.FromSeconds(10)), "listening starts with one wake-up (events committed meanwhile)");
        var enqueuer = await StartAsync(listen: true);

        // A commit of the writer wakes the sender (the store calls wakeUp only for a notification; polling is the engine's).
        Add(enqueuer, NewEvents.Make("n-1"), NewEvents.Make("n-2"));
        Assert.True(await wake.WaitAsync(TimeSpan.FromSeconds(30)));

        // In a caller's transaction: nothing until the commit, then one wake-up for three events.
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < 3; i++) await enqueuer.AddAsync(transaction, NewEvents.Make($"t-{i}"), Limits, default);
            await transaction.RollbackAsync();
        }
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            for (var i = 0; i < 3; i++) await enqueuer.AddAsync(transaction, NewEvents.Make($"u-{i}"), Limits, default);
            Assert.False(await wake.WaitAsync(TimeSpan.FromMilliseconds(300)), "no wake-up before the commit");
            await transaction.CommitAsync();
        }
        Assert.True(await wake.WaitAsync(TimeSpan.FromSeconds(30)));
        // A marker commit: every notification before it has arrived once it has.
        var before = Volatile.Read(ref woken);
        Add(enqueuer, NewEvents.Make("marker"));
        Assert.True(await wake.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(before + 1, Volatile.Read(ref woken));
        Assert.Equal(3, before); // the start, the writer's commit, the caller's commit: not the rollback, not one per event
    }

    [Fact]
    public async Task PollOnly_ListensToNothing()
    {
        var woken = 0;
        await StartAsync(() => Interlocked.Increment(ref woken), listen: false);
        Assert.Equal(0, await ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN {_schema}%'"));
        var other = await StartAsync(); // this one notifies
        Add(other, NewEvents.Make("p-1"));
        await Task.Delay(200);
        Assert.Equal(0, Volatile.Read(ref woken));
    }

    [Fact]
    public async Task TheListener_ComesBackAfterItsConnectionIsKilled()
    {
        var wake = new SemaphoreSlim(0);
        await StartAsync(() => wake.Release());
        Assert.True(await wake.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, await ScalarAsync($"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN {_schema}_outbox'"));
        Assert.True(await wake.WaitAsync(TimeSpan.FromSeconds(30)), "listening again (it wakes once when it is back)");
        var enqueuer = await StartAsync(); // notifies (and listens)
        Add(enqueuer, NewEvents.Make("after"));
        Assert.True(await wake.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
