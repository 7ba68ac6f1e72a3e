using Microsoft.Extensions.Time.Testing;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Outbox.Tests.Stores;

/// <summary>The store contract (<see cref="OutboxStoreContract"/>) on the PostgreSQL store (a real server), each test on a new schema, times from the test's clock.</summary>
public sealed class PostgreSqlStoreTests : OutboxStoreContract
{
    protected override ValueTask<IPinterestOutboxStore> CreateStoreAsync(FakeTimeProvider time) =>
        new(PostgresServer.Store(PostgresServer.NewSchema(), time));
}
