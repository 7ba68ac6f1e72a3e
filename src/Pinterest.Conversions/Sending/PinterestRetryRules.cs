using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace Pinterest.Conversions;

/// <summary>How an HTTP attempt failed below the HTTP status, as far as retrying is concerned.</summary>
public enum PinterestTransportFailure
{
    /// <summary>The attempt got a response (look at its status).</summary>
    None = 0,

    /// <summary>The request never left: name resolution, connection or TLS set-up failed, or a circuit breaker refused it.</summary>
    NotSent = 1,

    /// <summary>The request was sent and the connection was lost before a complete response: it may have been processed.</summary>
    LostAfterSending = 2,

    /// <summary>The attempt timed out after the request may have been sent: it may have been processed.</summary>
    TimedOut = 3,
}

/// <summary>
/// The retry rules (docs/sending.md, "Retries"), pure and in one place: the client and the Hosting resilience pipeline both ask them.
/// Network errors before sending, 429 (honouring Retry-After) and 503 are always retried; other 5xx, timeouts and
/// connections lost after sending only when the batch holds no offline event (Pinterest deduplicates other events on
/// event_id + event_name within 48 hours, never offline ones); every other status (400, 401, 403, 422, ...) never.
/// </summary>
public static partial class PinterestRetryRules
{
    /// <summary>The request option under which the client puts the state of a send, for retrying handlers to read and update.</summary>
    public static HttpRequestOptionsKey<PinterestSendAttemptState> StateKey { get; } = new("Pinterest.Conversions.SendAttemptState");

    /// <summary>True when an attempt that ended this way should be retried.</summary>
    /// <param name="statusCode">The HTTP status, or null when no response arrived.</param>
    /// <param name="failure">How the attempt failed when no response arrived.</param>
    /// <param name="batchHasOfflineEvents">True when the request holds at least one offline event.</param>
    public static bool ShouldRetry(int? statusCode, PinterestTransportFailure failure, bool batchHasOfflineEvents)
    {
        if (statusCode is { } status)
        {
            if (status is 429 or 503) return true;
            if (status is 408 or (>= 500 and <= 599)) return !batchHasOfflineEvents;
            return false;
        }
        return failure switch
        {
            PinterestTransportFailure.NotSent => true,
            PinterestTransportFailure.LostAfterSending or PinterestTransportFailure.TimedOut => !batchHasOfflineEvents,
            _ => false,
        };
    }

    /// <summary>
    /// True when Pinterest may have processed the request although the attempt did not end with its answer: a connection
    /// lost after sending, a timeout, or a 5xx other than 503 (or a 408). 429 and 503 say the request was not processed.
    /// </summary>
    public static bool MayHaveBeenProcessed(int? statusCode, PinterestTransportFailure failure)
    {
        if (statusCode is { } status) return status is 408 or (>= 500 and <= 599 and not 503);
        return failure is PinterestTransportFailure.LostAfterSending or PinterestTransportFailure.TimedOut;
    }

    /// <summary>
    /// Classifies an exception thrown by an HTTP attempt. Connection set-up failures are <see cref="PinterestTransportFailure.NotSent"/>;
    /// timeouts are <see cref="PinterestTransportFailure.TimedOut"/>; anything else after the connection was made counts as
    /// <see cref="PinterestTransportFailure.LostAfterSending"/>, because the client cannot tell whether the server read the request.
    /// </summary>
    public static PinterestTransportFailure Classify(Exception exception)
    {
        if (exception is null) throw new ArgumentNullException(nameof(exception));
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException:
                    return PinterestTransportFailure.TimedOut;
                case HttpRequestException http when IsSetupFailure(http):
                    return PinterestTransportFailure.NotSent;
                case SocketException socket when socket.SocketErrorCode is SocketError.ConnectionRefused or SocketError.HostNotFound
                    or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TryAgain:
                    return PinterestTransportFailure.NotSent;
            }
        }
        if (exception is OperationCanceledException) return PinterestTransportFailure.TimedOut;
        return PinterestTransportFailure.LostAfterSending;
    }

    private static bool IsSetupFailure(HttpRequestException exception) =>
#if NET8_0_OR_GREATER
        exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
#else
        false;
#endif

    /// <summary>
    /// The wait a 429 or 503 asks for in <c>Retry-After</c> (seconds or an HTTP date, measured against <paramref name="now"/>);
    /// null when the header is absent.
    /// </summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response is null) throw new ArgumentNullException(nameof(response));
        var header = response.Headers.RetryAfter;
        if (header is null) return null;
        if (header.Delta is { } delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }
}

/// <summary>
/// What the client and a retrying handler share about one request: whether its batch holds offline events, how many
/// attempts were made, and whether an earlier attempt may have been processed. Holds no event data.
/// </summary>
public sealed class PinterestSendAttemptState
{
    private int _attempts;
    private int _mayHaveBeenProcessed;
    private int _lastFailure;

    /// <summary>Creates the state of one request.</summary>
    public PinterestSendAttemptState(int eventCount, bool hasOfflineEvents)
    {
        EventCount = eventCount;
        HasOfflineEvents = hasOfflineEvents;
    }

    /// <summary>Creates the state of one request that retrying handlers must not repeat (its sender keeps its own store and rules).</summary>
    public PinterestSendAttemptState(int eventCount, bool hasOfflineEvents, bool retriesAllowed)
        : this(eventCount, hasOfflineEvents) => RetriesAllowed = retriesAllowed;

    /// <summary>False when a retrying handler must make one attempt only (the outbox's sender retries through its store).</summary>
    public bool RetriesAllowed { get; } = true;

    /// <summary>Events in the request.</summary>
    public int EventCount { get; }

    /// <summary>True when the batch holds an offline event.</summary>
    public bool HasOfflineEvents { get; }

    /// <summary>Attempts recorded so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>True when an attempt ended in a way that Pinterest may have processed it (see <see cref="PinterestRetryRules.MayHaveBeenProcessed"/>).</summary>
    public bool MayHaveBeenProcessed => Volatile.Read(ref _mayHaveBeenProcessed) != 0;

    /// <summary>How the last recorded attempt failed below HTTP (<see cref="PinterestTransportFailure.None"/> when it got a response).</summary>
    public PinterestTransportFailure LastFailure => (PinterestTransportFailure)Volatile.Read(ref _lastFailure);

    /// <summary>Records one attempt's end; returns whether the rules say to retry it.</summary>
    public bool RecordAttempt(int? statusCode, PinterestTransportFailure failure)
    {
        Volatile.Write(ref _lastFailure, (int)failure);
        Interlocked.Increment(ref _attempts);
        if (PinterestRetryRules.MayHaveBeenProcessed(statusCode, failure))
            Interlocked.Exchange(ref _mayHaveBeenProcessed, 1);
        return RetriesAllowed && PinterestRetryRules.ShouldRetry(statusCode, failure, HasOfflineEvents);
    }
}
