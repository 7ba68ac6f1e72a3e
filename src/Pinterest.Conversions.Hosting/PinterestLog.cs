using Microsoft.Extensions.Logging;

namespace Pinterest.Conversions.Hosting;

/// <summary>Every log line of the package: counts, statuses, event names and Pinterest's messages; never a token or a personal value.</summary>
internal static partial class PinterestLog
{
    [LoggerMessage(1, LogLevel.Debug, "Sent {Events} Pinterest events in {Requests} requests: {Processed} processed, {Failed} failed, {Rejected} rejected locally, {Unknown} unknown")]
    public static partial void BatchSent(ILogger logger, int events, int requests, int processed, int failed, int rejected, int unknown);

    [LoggerMessage(2, LogLevel.Warning, "Pinterest request {RequestId} of {Events} events ended with status {Status}, code {Code}: {Message}")]
    public static partial void RequestFailed(ILogger logger, string? requestId, int events, int? status, int? code, string? message);

    [LoggerMessage(3, LogLevel.Warning, "{Count} Pinterest events have an unknown outcome: they were sent, may have been processed, and were not retried (offline events in batch: {HasOffline})")]
    public static partial void EventsUnknown(ILogger logger, int count, bool hasOffline);

    [LoggerMessage(4, LogLevel.Debug, "Pinterest event {EventName} #{Index} rejected locally: {Reason} {UnsendableReason}")]
    public static partial void EventRejected(ILogger logger, string? eventName, int index, PinterestRejectionReason reason, PinterestUnsendableReason unsendableReason);

    [LoggerMessage(5, LogLevel.Warning, "The Pinterest event queue is full ({Capacity} events): a {EventName} event was not queued")]
    public static partial void QueueFull(ILogger logger, int capacity, string eventName);

    [LoggerMessage(6, LogLevel.Information, "Retrying a Pinterest request of {Events} events after {Outcome} (retry {Retry}, waiting {DelayMilliseconds} ms)")]
    public static partial void Retrying(ILogger logger, int events, string outcome, int retry, double delayMilliseconds);

    [LoggerMessage(7, LogLevel.Information, "Draining the Pinterest event queue: {Queued} events queued")]
    public static partial void Draining(ILogger logger, int queued);

    [LoggerMessage(8, LogLevel.Error, "The Pinterest event queue could not be drained within {Timeout}: {Dropped} events dropped")]
    public static partial void DrainTimedOut(ILogger logger, TimeSpan timeout, int dropped);

    [LoggerMessage(9, LogLevel.Warning, "A {EventName} event was not queued: the Pinterest event queue is stopped")]
    public static partial void QueueStopped(ILogger logger, string eventName);

    [LoggerMessage(10, LogLevel.Error, "Sending a batch of {Events} Pinterest events threw {ExceptionType}; their outcome is unknown")]
    public static partial void SendThrew(ILogger logger, int events, string exceptionType);

    [LoggerMessage(11, LogLevel.Debug, "A {EventName} event was not queued: it cannot be sent ({Reason})")]
    public static partial void EnqueueUnsendable(ILogger logger, string eventName, PinterestUnsendableReason reason);
}
