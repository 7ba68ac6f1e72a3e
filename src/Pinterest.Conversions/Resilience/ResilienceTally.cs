namespace Pinterest.Conversions;

/// <summary>
/// Counts what a site sent, event by event, for <see cref="PinterestResilience.AssessSite"/>. Not thread-safe: callers
/// that add from several threads lock around it.
/// </summary>
#if PINTEREST_GENERATOR
internal
#else
public
#endif
sealed class ResilienceTally
{
    private ulong _sentEventNames;

    /// <summary>Events added.</summary>
    public long Events { get; private set; }

    /// <summary>Events whose action source is not offline.</summary>
    public long OnlineEvents { get; private set; }

    /// <summary>Non-offline events that carried both the client IP address and the user agent.</summary>
    public long OnlineEventsWithIpAndUserAgent { get; private set; }

    /// <summary>Checkout events.</summary>
    public long Checkouts { get; private set; }

    /// <summary>Checkout events that carried an email or a mobile ad id.</summary>
    public long CheckoutsWithEmailOrMobileAdId { get; private set; }

    /// <summary>Every signal carried by at least one event.</summary>
    public PinterestSignals SignalsSent { get; private set; }

    /// <summary>Adds one sent event.</summary>
    public void Add(PinterestSignals signals, EventName? eventName, ActionSource actionSource)
    {
        Events++;
        SignalsSent |= signals;
        if (actionSource != ActionSource.Offline)
        {
            OnlineEvents++;
            if (PinterestResilience.HasIpAndUserAgent(signals)) OnlineEventsWithIpAndUserAgent++;
        }
        if (eventName is { } name)
        {
            if (name == EventName.Checkout)
            {
                Checkouts++;
                if (PinterestResilience.HasEmailOrMobileAdId(signals)) CheckoutsWithEmailOrMobileAdId++;
            }
            var bit = (int)name;
            if (bit is >= 0 and < 64) _sentEventNames |= 1UL << bit;
        }
    }

    /// <summary>True when at least one event of this name was added.</summary>
    public bool HasSent(EventName name)
    {
        var bit = (int)name;
        return bit is >= 0 and < 64 && (_sentEventNames & (1UL << bit)) != 0;
    }
}
