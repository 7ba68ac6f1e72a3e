using Microsoft.Extensions.Logging;

namespace Pinterest.Conversions.Sandbox.Hosting;

/// <summary>The sandbox's log lines. None carries a token or a user_data value: only ids, counts and our own messages.</summary>
internal static partial class SandboxLog
{
    [LoggerMessage(1, LogLevel.Information, "Events request {RequestId} answered {Status}: {Received} received, {Processed} processed, test {Test}")]
    public static partial void EventsAnswered(ILogger logger, string requestId, int status, int received, int processed, bool test);

    [LoggerMessage(2, LogLevel.Information, "Events request {RequestId} rejected with {Status}: {Reason}")]
    public static partial void RequestRejected(ILogger logger, string requestId, int status, string reason);

    [LoggerMessage(3, LogLevel.Information, "Events request {RequestId} not authenticated: {Reason}")]
    public static partial void AuthenticationFailed(ILogger logger, string requestId, string reason);

    [LoggerMessage(4, LogLevel.Information, "Events request {RequestId}: injected fault {Kind} (status {Status}, delay {DelayMilliseconds} ms)")]
    public static partial void FaultInjected(ILogger logger, string requestId, string kind, int status, int delayMilliseconds);

    [LoggerMessage(5, LogLevel.Information, "Tag event {EventName} recorded (deduplicated {Deduplicated})")]
    public static partial void TagEventRecorded(ILogger logger, string eventName, bool deduplicated);

    [LoggerMessage(6, LogLevel.Information, "Fault plan replaced: {Rules} rules, seed {Seed}")]
    public static partial void FaultPlanReplaced(ILogger logger, int rules, int seed);

    [LoggerMessage(7, LogLevel.Warning, "Admin request {Method} {Path} refused: the caller is not on loopback and AllowRemoteAdministration is off")]
    public static partial void AdminRefused(ILogger logger, string method, string path);

    [LoggerMessage(8, LogLevel.Warning, "The sandbox listens on {Url}, beyond loopback: whoever reaches it can send events and read event ids on the dashboard")]
    public static partial void ListeningBeyondLoopback(ILogger logger, string url);
}
