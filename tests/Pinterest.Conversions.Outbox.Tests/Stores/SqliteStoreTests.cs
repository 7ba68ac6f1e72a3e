using Microsoft.Extensions.Time.Testing;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Hosting.Outbox;
using Pinterest.Conversions.Outbox.Sqlite;

namespace Pinterest.Conversions.Outbox.Tests.Stores;

/// <summary>The store contract (<see cref="OutboxStoreContract"/>) on the SQLite store, each test on a new file.</summary>
public sealed class SqliteStoreTests : OutboxStoreContract
{
    private readonly TempDirectory _directory = new();

    protected override ValueTask<IPinterestOutboxStore> CreateStoreAsync(FakeTimeProvider time) =>
        new(new SqliteOutboxStore($"Data Source={_directory.File("outbox.db")}", PinterestOutboxSynchronous.Full, time));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
