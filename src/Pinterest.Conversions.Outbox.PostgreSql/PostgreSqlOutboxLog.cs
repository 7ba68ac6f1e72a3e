using Microsoft.Extensions.Logging;

namespace Pinterest.Conversions.Outbox.PostgreSql;

internal static partial class PostgreSqlOutboxLog
{
    [LoggerMessage(101, LogLevel.Information, "Pinterest outbox: created schema {Schema} (version {Version}) in PostgreSQL")]
    public static partial void SchemaCreated(ILogger logger, string schema, int version);

    [LoggerMessage(102, LogLevel.Warning, "Pinterest outbox: listening for new events failed ({Error}); polling meanwhile, listening again in {DelayMilliseconds} ms")]
    public static partial void ListenFailed(ILogger logger, string error, long delayMilliseconds);

    [LoggerMessage(103, LogLevel.Debug, "Pinterest outbox: listening on channel {Channel}")]
    public static partial void Listening(ILogger logger, string channel);
}
