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

    [LoggerMessage(11, LogLevel.Debug, "A {EventName} event was not queued: a send would refuse it ({Rejection}, {UnsendableReason})")]
    public static partial void EnqueueRefused(ILogger logger, string eventName, PinterestRejectionReason rejection, PinterestUnsendableReason unsendableReason);

    [LoggerMessage(12, LogLevel.Warning, "A {EventName} event was not queued: its account is unknown to the account resolver (key of {KeyLength} characters)")]
    public static partial void UnknownAccount(ILogger logger, string eventName, int keyLength);

    [LoggerMessage(13, LogLevel.Information, "A {EventName} offline event was not queued: the same account, name and event_id were accepted within the idempotency window")]
    public static partial void Duplicate(ILogger logger, string eventName);

    [LoggerMessage(14, LogLevel.Error, "A {EventName} event may not be in the Pinterest outbox: no commit within {Timeout} ({Failure})")]
    public static partial void StoreUnavailable(ILogger logger, string eventName, TimeSpan timeout, string failure);

    [LoggerMessage(15, LogLevel.Error, "The Pinterest outbox could not add {Events} events: {ExceptionType}")]
    public static partial void StoreAddFailed(ILogger logger, int events, string exceptionType);

    [LoggerMessage(16, LogLevel.Error, "The Pinterest outbox failed to {Operation}: {ExceptionType}; claimed events come back when their lease runs out")]
    public static partial void StoreFailed(ILogger logger, string operation, string exceptionType);

    [LoggerMessage(17, LogLevel.Warning, "Sending for Pinterest account {Account} is paused until {Until}: {Reason}; its events wait")]
    public static partial void AccountPaused(ILogger logger, string? account, string reason, DateTimeOffset until);

    [LoggerMessage(18, LogLevel.Information, "Sending for Pinterest account {Account} resumed")]
    public static partial void AccountResumed(ILogger logger, string? account);

    [LoggerMessage(19, LogLevel.Error, "All sending to Pinterest is paused until {Until}: HTTP {Status} from {BaseAddress} (check BaseAddress); events wait")]
    public static partial void AllSendingPaused(ILogger logger, int? status, Uri baseAddress, DateTimeOffset until);

    [LoggerMessage(20, LogLevel.Information, "{Events} Pinterest events will be sent again (status {Status}, failure {Failure}) in {DelayMilliseconds} ms")]
    public static partial void SendingAgain(ILogger logger, int events, int? status, PinterestTransportFailure failure, double delayMilliseconds);

    [LoggerMessage(21, LogLevel.Information, "Stopping Pinterest delivery: {InFlight} requests in flight; unsent claims are released, nothing is dropped")]
    public static partial void Stopping(ILogger logger, int inFlight);
}
