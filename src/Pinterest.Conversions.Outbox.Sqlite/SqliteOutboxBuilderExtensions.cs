using Microsoft.Extensions.Options;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Outbox.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the SQLite outbox for <c>AddPinterestConversions</c>.</summary>
public static class SqliteOutboxBuilderExtensions
{
    /// <summary>
    /// Keeps accepted events in the SQLite file of <paramref name="connectionString"/> (such as
    /// <c>Data Source=pinterest-outbox.db</c>) until they are delivered or parked: they survive crashes, outages and
    /// deploys. One process sends from a file at a time; others may enqueue. Use a local persistent disk (WAL does not
    /// work on network shares); the file holds personal data (IP addresses, user agents) until delivery.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another outbox is already used.</exception>
    public static PinterestConversionsBuilder UseSqliteOutbox(this PinterestConversionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _ = new SqliteOutboxStore(connectionString, PinterestOutboxSynchronous.Full, TimeProvider.System); // validates the connection string now
        return builder.UseOutboxStore("SQLite", sp => new SqliteOutboxStore(connectionString,
            sp.GetRequiredService<IOptions<PinterestConversionsOptions>>().Value.Outbox.Synchronous,
            sp.GetRequiredService<TimeProvider>()));
    }
}
