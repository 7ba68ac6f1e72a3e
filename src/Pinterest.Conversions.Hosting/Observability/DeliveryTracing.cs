using System.Diagnostics;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The flush span of <see cref="PinterestTracing"/>: one per batch of one account taken from the queue or outbox and
/// sent. Its requests' spans (started by the client) are its children and carry its account tag.
/// </summary>
internal static class DeliveryTracing
{
    // Same name as the client's source: a listener or AddSource("Pinterest.Conversions") gets both.
    private static readonly ActivitySource s_source = new(PinterestTracing.SourceName, typeof(DeliveryTracing).Assembly.GetName().Version?.ToString());

    /// <summary>
    /// Starts a flush as a root span (the delivery loop runs for no request of the app); null when nobody listens.
    /// The default account carries no account tag.
    /// </summary>
    public static Activity? StartFlush(string storedAccount, int eventCount)
    {
        Activity.Current = null;
        var activity = s_source.StartActivity(PinterestTracing.FlushActivityName, ActivityKind.Internal);
        if (activity is null) return null;
        if (AccountKeys.FromStored(storedAccount) is { } key) activity.SetTag(PinterestTracing.AccountTag, key);
        activity.SetTag(PinterestTracing.EventCountTag, eventCount);
        return activity;
    }
}
