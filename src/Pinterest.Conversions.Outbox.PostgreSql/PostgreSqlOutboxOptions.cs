namespace Pinterest.Conversions.Outbox.PostgreSql;

/// <summary>Settings of the PostgreSQL outbox (<c>UsePostgreSqlOutbox</c>). How often senders poll is <c>Delivery:PollInterval</c>.</summary>
public sealed class PostgreSqlOutboxOptions
{
    /// <summary>
    /// The schema holding the outbox's tables (created at start when missing): lower-case letters, digits and
    /// underscores, starting with a letter or underscore, at most 63 characters. Default <c>pinterest</c>.
    /// </summary>
    public string Schema { get; set; } = "pinterest";

    /// <summary>
    /// True (the default): senders LISTEN for new events on a session connection of their own and each commit that adds
    /// events sends one NOTIFY, so a sender wakes at once instead of at its next poll. False: poll only (for a
    /// transaction-pooling proxy such as PgBouncer in transaction mode, where LISTEN does not work).
    /// </summary>
    public bool UseListenNotify { get; set; } = true;
}
