using System.Diagnostics;

namespace Pinterest.Conversions;

/// <summary>
/// Traces in OpenTelemetry's way: an <see cref="ActivitySource"/> named <c>Pinterest.Conversions</c>, with one span per
/// request to Pinterest (its retries and the HttpClient's own spans beneath it) and, in Pinterest.Conversions.Hosting, one
/// per queue flush. Collect them with <c>AddSource("Pinterest.Conversions")</c> in the OpenTelemetry SDK; the library
/// does not depend on the SDK. Tags never hold a token or a personal value: counts, the account's key and ad account
/// id, the status and Pinterest's request id.
/// </summary>
public static class PinterestTracing
{
    /// <summary>The name of the <see cref="ActivitySource"/> (and of the library's Meter).</summary>
    public const string SourceName = "Pinterest.Conversions";

    /// <summary>The span of one request to Pinterest, retries included.</summary>
    public const string SendActivityName = "pinterest.conversions.send";

    /// <summary>The span of one queue flush: a batch of one account taken from the queue or outbox and sent.</summary>
    public const string FlushActivityName = "pinterest.conversions.flush";

    /// <summary>Tag: how many events the request or flush carries.</summary>
    public const string EventCountTag = "pinterest.conversions.event_count";

    /// <summary>Tag: the named account's key, absent for the default account; set on the queue's flush and its requests.</summary>
    public const string AccountTag = "pinterest.conversions.account";

    /// <summary>Tag: the ad account id the request is sent for.</summary>
    public const string AdAccountIdTag = "pinterest.conversions.ad_account_id";

    /// <summary>Tag: Pinterest's request id (its <c>x-pinterest-rid</c> header), when it answered.</summary>
    public const string RequestIdTag = "pinterest.conversions.request_id";

    /// <summary>Tag: true when the request holds an offline event (never retried once it may have been processed).</summary>
    public const string HasOfflineEventsTag = "pinterest.conversions.has_offline_events";

    /// <summary>Tag: how many HTTP attempts the request took.</summary>
    public const string AttemptsTag = "pinterest.conversions.attempts";

    /// <summary>Tag: how the request ended by the redelivery table (<see cref="PinterestRequestVerdict"/>).</summary>
    public const string VerdictTag = "pinterest.conversions.verdict";

    /// <summary>Tag (OpenTelemetry's HTTP convention): the final HTTP status, when there was an answer.</summary>
    public const string StatusCodeTag = "http.response.status_code";

    /// <summary>Tag (OpenTelemetry's convention): why a failed request failed, a status code or a failure kind.</summary>
    public const string ErrorTypeTag = "error.type";

    internal static readonly ActivitySource Source = new(SourceName, typeof(PinterestTracing).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of one request; null when nobody listens. The account key is taken from an enclosing flush.</summary>
    internal static Activity? StartSend(PinterestAccount account, int eventCount, bool hasOfflineEvents)
    {
        var parent = Activity.Current;
        var activity = Source.StartActivity(SendActivityName, ActivityKind.Internal);
        if (activity is null) return null;
        activity.SetTag(EventCountTag, eventCount);
        activity.SetTag(AdAccountIdTag, account.AdAccountId);
        activity.SetTag(HasOfflineEventsTag, hasOfflineEvents);
        if (parent is { OperationName: FlushActivityName } && parent.GetTagItem(AccountTag) is string key) activity.SetTag(AccountTag, key);
        return activity;
    }

    /// <summary>Tags the span of one request with how it ended (the caller disposes it); a request not answered 200 is an error.</summary>
    internal static void Record(Activity? activity, PinterestAttemptResult attempt)
    {
        if (activity is null) return;
        if (attempt.StatusCode is { } status) activity.SetTag(StatusCodeTag, status);
        if (attempt.RequestId is { } requestId) activity.SetTag(RequestIdTag, requestId);
        activity.SetTag(AttemptsTag, attempt.Attempts);
        activity.SetTag(VerdictTag, attempt.Verdict.ToString());
        if (attempt.StatusCode != 200 || attempt.Verdict != PinterestRequestVerdict.Answered)
        {
            // The kind of failure only: Pinterest's message can quote the event's values.
            var error = attempt.StatusCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : attempt.Failure.ToString();
            activity.SetTag(ErrorTypeTag, error);
            activity.SetStatus(ActivityStatusCode.Error, error);
        }
    }
}
