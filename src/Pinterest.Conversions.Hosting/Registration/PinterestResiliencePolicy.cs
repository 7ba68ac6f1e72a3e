using System.Net.Http;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pinterest.Conversions.Hosting;

/// <summary>Bridges Polly's outcomes to <see cref="PinterestRetryRules"/>: the rules are the runtime's, not a copy.</summary>
internal static class PinterestResiliencePolicy
{
    public static PinterestSendAttemptState? StateOf(ResilienceContext context) =>
        context.GetRequestMessage() is { } request && request.Options.TryGetValue(PinterestRetryRules.StateKey, out var state) ? state : null;

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested && outcome.Exception is not TimeoutRejectedException)
        {
            StateOf(context)?.RecordAttempt(null, PinterestTransportFailure.TimedOut);
            return false; // the caller gave up
        }
        var status = outcome.Result is { } response ? (int)response.StatusCode : (int?)null;
        var failure = Classify(outcome.Exception);
        var state = StateOf(context);
        // A request the client did not mark is treated as holding offline events: the safe side.
        return state?.RecordAttempt(status, failure) ?? PinterestRetryRules.ShouldRetry(status, failure, batchHasOfflineEvents: true);
    }

    public static PinterestTransportFailure Classify(Exception? exception) => exception switch
    {
        null => PinterestTransportFailure.None,
        TimeoutRejectedException => PinterestTransportFailure.TimedOut,
        BrokenCircuitException or IsolatedCircuitException => PinterestTransportFailure.NotSent,
        _ => PinterestRetryRules.Classify(exception),
    };

    /// <summary>The server's Retry-After of a 429 or 503; null to use the backoff.</summary>
    public static TimeSpan? RetryAfter(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { StatusCode: (System.Net.HttpStatusCode)429 or System.Net.HttpStatusCode.ServiceUnavailable } response
            ? PinterestRetryRules.GetRetryAfter(response, DateTimeOffset.UtcNow)
            : null;

    /// <summary>
    /// True when the server asks for a longer wait than <paramref name="maxDelay"/>: the request then ends at once as not
    /// processed (safe to send again later) instead of holding its sender for the whole total timeout.
    /// </summary>
    public static bool AsksTooLongAWait(Outcome<HttpResponseMessage> outcome, TimeSpan maxDelay) => RetryAfter(outcome) > maxDelay;

    public static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : $"{outcome.Exception?.GetType().Name} ({Classify(outcome.Exception)})";
}
