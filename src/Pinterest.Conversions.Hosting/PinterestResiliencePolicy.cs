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

    public static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Result is { } response ? $"HTTP {(int)response.StatusCode}" : $"{outcome.Exception?.GetType().Name} ({Classify(outcome.Exception)})";
}
