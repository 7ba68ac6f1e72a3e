using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Hosting.Outbox;
using Pinterest.Conversions.Outbox.Sqlite;
using Pinterest.Conversions.Sandbox;
using Xunit;

namespace Pinterest.Conversions.Outbox.Tests.Stores;

/// <summary>What only the SQLite file does: survive its process, one sender per file, the caller's transaction, schema.</summary>
public sealed class SqliteOutboxTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly Recorder _recorder = new();
    private PinterestSandbox _sandbox = null!;
    private static readonly OutboxLimits Limits = new(1_000_000, TimeSpan.FromDays(7));

    private string DbPath => _directory.File("outbox.db");

    private SqliteOutboxStore NewStore(TimeProvider? time = null) =>
        new($"Data Source={DbPath}", PinterestOutboxSynchronous.Full, time ?? TimeProvider.System);

    public async Task InitializeAsync() => _sandbox = await OutboxHosts.StartSandboxAsync();

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Events_OutliveTheStore_AndItsProcess()
    {
        await using (var first = NewStore())
        {
            await first.StartAsync(() => { }, default);
            var results = new OutboxAddResult[2];
            first.Add([NewEvents.Make("keep-1"), NewEvents.Make("keep-2")], results, Limits);
        }
        await using var second = NewStore();
        await second.StartAsync(() => { }, default);
        Assert.Equal(2, second.Count);
        var claim = await second.ClaimAsync("", 10, TimeSpan.FromSeconds(40), default);
        Assert.Equal(["keep-1", "keep-2"], claim.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task AHostStoppedWhileItsOutboxStarts_StopsWithoutThrowing()
    {
        // The sender's loop opens the store on a thread of its own; a stop that comes first cancels that start, which is
        // a normal end, not a failure of StopAsync (found by the outbox page's tests, whose hosts live for a few requests).
        for (var i = 0; i < 20; i++)
        {
            using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder);
            await host.StartAsync();
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task OneSenderPerFile_TheNextTakesOverWhenItStops_AndItsClaimsComeBackAtOnce()
    {
        var time = Clocks.At2026();
        await using var sender = NewStore(time);
        await sender.StartAsync(() => { }, default);
        var results = new OutboxAddResult[2];
        sender.Add([NewEvents.Make("t-1", time: time), NewEvents.Make("t-2", time: time)], results, Limits);
        var claim = await sender.ClaimAsync("", 10, TimeSpan.FromMinutes(5), default);
        await sender.MarkSendingAsync(claim.LeaseToken, [claim.Events[0].Id], TimeSpan.FromMinutes(5), default);

        var next = NewStore(time);
        await next.StartAsync(() => { }, default);
        Assert.True(sender.CanSend);
        Assert.False(next.CanSend);                                       // a deploy's new process: it only enqueues
        next.Add([NewEvents.Make("t-3", time: time)], new OutboxAddResult[1], Limits);
        Assert.False(await next.TryTakeSenderRoleAsync(default));

        await sender.DisposeAsync();                                      // the old process ends (or dies: the OS frees the lock)
        Assert.True(await next.TryTakeSenderRoleAsync(default));
        // Its claims come back without waiting for the five-minute lease: the one that was sending, flagged.
        var ready = await next.GetReadyAsync(100, [], default);
        Assert.Equal(3, Assert.Single(ready.Accounts).DueEvents);
        var again = (await next.ClaimAsync("", 10, TimeSpan.FromSeconds(40), default)).Events.ToDictionary(e => e.EventId);
        Assert.True(again["t-1"].MayHaveBeenProcessed);
        Assert.False(again["t-2"].MayHaveBeenProcessed);
        await next.DisposeAsync();
    }

    [Fact]
    public async Task ManyProcessesStartingOnAnEmptyFile_CreateTheSchemaOnce()
    {
        var stores = Enumerable.Range(0, 8).Select(_ => NewStore()).ToArray();
        await Task.WhenAll(stores.Select(s => Task.Run(async () => await s.StartAsync(() => { }, default))));
        foreach (var store in stores) await store.DisposeAsync();

        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pinterest_outbox_schema";
        Assert.Equal(1L, command.ExecuteScalar());
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task ANewerSchema_IsRefusedClearly()
    {
        await using (var store = NewStore()) await store.StartAsync(() => { }, default);
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE pinterest_outbox_schema SET version = 99";
            command.ExecuteNonQuery();
        }
        await using var newer = NewStore();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await newer.StartAsync(() => { }, default));
        Assert.Contains("schema version 99", error.Message);
    }

    [Fact]
    public void AnInMemoryDatabase_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new SqliteOutboxStore("Data Source=:memory:", PinterestOutboxSynchronous.Full, TimeProvider.System));

    [Fact]
    public async Task EnqueueInTheCallersTransaction_CommitSends_RollbackLeavesNoTrace_ADuplicateDoesNotAbortIt()
    {
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder);
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        await queue.EnqueueAsync(new Order { Id = "warm-up" }); // creates the tables

        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        Exec(connection, "CREATE TABLE IF NOT EXISTS orders (id TEXT PRIMARY KEY)");

        using (var rolledBack = connection.BeginTransaction())
        {
            Exec(connection, "INSERT INTO orders VALUES ('o-rolled-back')", rolledBack);
            Assert.True((await queue.EnqueueAsync(rolledBack, new Order { Id = "o-rolled-back" })).IsEnqueued);
            rolledBack.Rollback();
        }
        using (var committed = connection.BeginTransaction())
        {
            Exec(connection, "INSERT INTO orders VALUES ('o-committed')", committed);
            Assert.Equal(PinterestEnqueueStatus.UnknownAccount, (await queue.EnqueueAsync(committed, new Order { Id = "o-unknown" }, "no-such-tenant")).Status);
            Assert.True((await queue.EnqueueAsync(committed, new Order { Id = "o-committed" })).IsEnqueued);
            var offline = new Order { Id = "o-offline", Source = ActionSource.Offline };
            Assert.True((await queue.EnqueueAsync(committed, offline)).IsEnqueued);
            Assert.Equal(PinterestEnqueueStatus.Duplicate, (await queue.EnqueueAsync(committed, offline)).Status);
            Exec(connection, "INSERT INTO orders VALUES ('o-after-duplicate')", committed); // the transaction is alive
            committed.Commit();
        }

        await Recorder.WaitUntilAsync(() => _recorder.Processed == 3, "three processed");
        await Task.Delay(300); // a poll or two more: the rolled-back event must never appear
        var sent = _sandbox.GetReport().RecentEvents.Select(e => e.EventId).ToHashSet();
        Assert.Equal(["o-committed", "o-offline", "warm-up"], sent.Order());
        Assert.Equal(["o-after-duplicate", "o-committed"], ReadOrders(connection));
        await host.StopAsync();
    }

    [Fact]
    public async Task EnqueueInATransaction_RefusesWhatItCannotJoin()
    {
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder);
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        var order = new Order { Id = "tx" };

        await using var other = new SqliteConnection($"Data Source={_directory.File("other.db")}");
        other.Open();
        using (var transaction = other.BeginTransaction())
            await Assert.ThrowsAsync<NotSupportedException>(async () => await queue.EnqueueAsync(transaction, order)); // no outbox tables there

        var done = other.BeginTransaction();
        done.Commit();
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await queue.EnqueueAsync(done, order));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await queue.EnqueueAsync<Order>(null!, order));

        using var memoryHost = OutboxHosts.Build(_sandbox, null, _recorder);
        using var memoryTransaction = other.BeginTransaction();
        await Assert.ThrowsAsync<NotSupportedException>(async () =>
            await memoryHost.Services.GetRequiredService<IPinterestEventQueue>().EnqueueAsync(memoryTransaction, order));
    }

    [Fact]
    public async Task AStoreThatCannotCommitInTime_AnswersStoreUnavailable_NeverThrows()
    {
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder, o => o.Outbox.EnqueueTimeout = TimeSpan.FromMilliseconds(200));
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        Assert.True(queue.Enqueue(new Order { Id = "before" }).IsEnqueued);

        await using var blocker = new SqliteConnection($"Data Source={DbPath}");
        blocker.Open();
        using var holding = blocker.BeginTransaction(deferred: false); // holds the file's write lock
        Assert.Equal(PinterestEnqueueStatus.StoreUnavailable, queue.Enqueue(new Order { Id = "blocked" }).Status);
        Assert.Equal(PinterestEnqueueStatus.StoreUnavailable, (await queue.EnqueueAsync(new Order { Id = "blocked-async" })).Status);
        holding.Rollback();
    }

    [Fact]
    public async Task ConcurrentEnqueues_AllCommit_AndShareCommits()
    {
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder);
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(async () =>
        {
            var statuses = new List<PinterestEnqueueStatus>();
            for (var i = 0; i < 250; i++) statuses.Add((await queue.EnqueueAsync(new Order { Id = $"c-{t}-{i}" })).Status);
            return statuses;
        })));
        Assert.All(results.SelectMany(r => r), s => Assert.Equal(PinterestEnqueueStatus.Enqueued, s));
        Assert.Equal(2_000, queue.Count);

        await using var connection = new SqliteConnection($"Data Source={DbPath}");
        connection.Open();
        Assert.Equal(2_000L, Convert.ToInt64(Scalar(connection, "SELECT count(DISTINCT event_id) FROM pinterest_outbox_events")));
    }

    private static void Exec(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static List<string> ReadOrders(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM orders ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
