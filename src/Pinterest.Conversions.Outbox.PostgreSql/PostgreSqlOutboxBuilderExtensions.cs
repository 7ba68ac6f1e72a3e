using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Outbox.PostgreSql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the PostgreSQL outbox for <c>AddPinterestConversions</c>.</summary>
public static class PostgreSqlOutboxBuilderExtensions
{
    /// <summary>
    /// Keeps accepted events in the PostgreSQL database of <paramref name="connectionString"/> until they are delivered or
    /// parked, shared by every app instance: all of them send, and <c>EnqueueAsync(DbTransaction, ...)</c> writes an event
    /// in your own transaction. The tables are created at start when missing (in schema <c>pinterest</c> by default). The
    /// connection must be a session, not a transaction-pooling proxy, for LISTEN (or set
    /// <see cref="PostgreSqlOutboxOptions.UseListenNotify"/> to false). The tables hold personal data until delivery.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another outbox is already used.</exception>
    /// <exception cref="ArgumentException">The connection string or the schema name is not valid.</exception>
    public static PinterestConversionsBuilder UsePostgreSqlOutbox(this PinterestConversionsBuilder builder, string connectionString) =>
        UsePostgreSqlOutbox(builder, connectionString, null);

    /// <summary>
    /// The PostgreSQL outbox of <paramref name="connectionString"/>, with the settings <paramref name="configure"/> chooses
    /// (schema name, LISTEN/NOTIFY). (Overloads rather than an optional parameter: the public API rules of the repository.)
    /// </summary>
    /// <exception cref="InvalidOperationException">Another outbox is already used.</exception>
    /// <exception cref="ArgumentException">The connection string or the schema name is not valid.</exception>
    public static PinterestConversionsBuilder UsePostgreSqlOutbox(this PinterestConversionsBuilder builder, string connectionString, Action<PostgreSqlOutboxOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        _ = new NpgsqlConnectionStringBuilder(connectionString); // validates the connection string now
        var options = Configure(configure);
        return builder.UseOutboxStore("PostgreSQL", sp =>
            new PostgreSqlOutboxStore(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, options, Logger(sp)));
    }

    /// <summary>
    /// Keeps accepted events in the PostgreSQL database of <paramref name="dataSource"/> (yours: it is not disposed with
    /// the outbox). See <see cref="UsePostgreSqlOutbox(PinterestConversionsBuilder, string)"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another outbox is already used.</exception>
    public static PinterestConversionsBuilder UsePostgreSqlOutbox(this PinterestConversionsBuilder builder, NpgsqlDataSource dataSource) =>
        UsePostgreSqlOutbox(builder, dataSource, _ => { });

    /// <summary>
    /// Keeps accepted events in the PostgreSQL database of <paramref name="dataSource"/> (yours: it is not disposed with
    /// the outbox), with the settings <paramref name="configure"/> chooses.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another outbox is already used.</exception>
    /// <exception cref="ArgumentException">The schema name is not valid.</exception>
    public static PinterestConversionsBuilder UsePostgreSqlOutbox(this PinterestConversionsBuilder builder, NpgsqlDataSource dataSource, Action<PostgreSqlOutboxOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(configure);
        var options = Configure(configure);
        return builder.UseOutboxStore("PostgreSQL", sp => new PostgreSqlOutboxStore(dataSource, ownsDataSource: false, options, Logger(sp)));
    }

    private static PostgreSqlOutboxOptions Configure(Action<PostgreSqlOutboxOptions>? configure)
    {
        var options = new PostgreSqlOutboxOptions();
        configure?.Invoke(options);
        if (!PostgreSqlOutboxSchema.IsValidName(options.Schema))
            throw new ArgumentException("PostgreSqlOutboxOptions.Schema must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.", nameof(configure));
        return new PostgreSqlOutboxOptions { Schema = options.Schema, UseListenNotify = options.UseListenNotify }; // a copy: later changes do not apply
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Pinterest.Conversions.Outbox.PostgreSql") ?? NullLogger.Instance;
}
