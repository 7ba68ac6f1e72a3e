using Microsoft.Extensions.Logging;

namespace Pinterest.Conversions.AspNetCore.Outbox;

/// <summary>The page's log lines: what was done, in counts (never an event's content).</summary>
internal static partial class OutboxPageLog
{
    [LoggerMessage(1, LogLevel.Warning, "The Pinterest outbox page at {Pattern} is mapped without an authorization policy (Development only): whoever reaches the app can redrive and purge parked events")]
    public static partial void MappedWithoutPolicy(ILogger logger, string pattern);

    [LoggerMessage(2, LogLevel.Information, "Outbox page: {Count} of {Asked} parked events redriven (sent again as new)")]
    public static partial void Redriven(ILogger logger, int count, int asked);

    [LoggerMessage(3, LogLevel.Information, "Outbox page: {Count} of {Asked} parked events purged")]
    public static partial void Purged(ILogger logger, int count, int asked);
}
