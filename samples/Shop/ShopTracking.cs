using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.AspNetCore;

namespace Pinterest.Conversions.Samples.Shop;

/// <summary>
/// Sends a page's event through the API queue (into the outbox: once this returns, the event is committed and will
/// reach Pinterest); the page then renders the Tag call for the same event (same event_id).
/// </summary>
public sealed partial class ShopTracking(IPinterestEventQueue queue, TimeProvider time, ILogger<ShopTracking> logger)
{
    /// <summary>Fills the request context of <paramref name="evt"/> (IP, user agent, click id, URL, now) and enqueues it.</summary>
    public async Task<T> TrackAsync<T>(HttpContext http, T evt) where T : ShopEvent, IPinterestEvent
    {
        var visitor = http.GetPinterestRequestContext();
        var stamped = evt with
        {
            Ip = visitor.ClientIpAddress,
            UserAgent = visitor.ClientUserAgent,
            ClickId = visitor.ClickId,
            Url = visitor.EventSourceUrl,
            At = evt.At == default ? time.GetUtcNow() : evt.At,
        };
        var result = await queue.EnqueueAsync(stamped, cancellationToken: http.RequestAborted);
        if (!result.IsEnqueued) NotEnqueued(logger, ((IPinterestEvent)stamped).EventName, result.Status.ToString());
        return stamped;
    }

    [LoggerMessage(1, LogLevel.Warning, "Pinterest event {EventName} not enqueued: {Status}")]
    private static partial void NotEnqueued(ILogger logger, string eventName, string status);
}
