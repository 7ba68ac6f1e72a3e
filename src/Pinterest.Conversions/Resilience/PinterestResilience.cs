namespace Pinterest.Conversions;

/// <summary>
/// The resilience rules of Pinterest's help article, over the schema's signal weights. One implementation serves the
/// analyzers (what a type maps) and the runtime health report (what each sent event carried).
/// </summary>
#if PINTEREST_GENERATOR
internal
#else
public
#endif
static class PinterestResilience
{
    /// <summary>Signals whose weight is high in the article's table.</summary>
    public static PinterestSignals HighSignals { get; } = SignalsOfWeight(SignalWeight.High);

    /// <summary>Signals of medium or low weight: Great needs all of them.</summary>
    public static PinterestSignals MediumAndLowSignals { get; } = SignalsOfWeight(SignalWeight.Medium) | SignalsOfWeight(SignalWeight.Low);

    /// <summary>
    /// Assesses one event, or one event type by the signals it maps. Offline events are exempt from the IP and user
    /// agent rule: they have no browser request to take them from.
    /// </summary>
    public static ResilienceAssessment AssessEvent(PinterestSignals signals, EventName? eventName, ActionSource actionSource)
    {
        var gaps = ResilienceGaps.None;
        if (actionSource != ActionSource.Offline && !HasIpAndUserAgent(signals))
            gaps |= ResilienceGaps.IpAndUserAgentMissing;
        if (eventName == EventName.Checkout && !HasEmailOrMobileAdId(signals))
            gaps |= ResilienceGaps.CheckoutWithoutEmailOrMobileAdId;

        var missing = MissingForGreat(signals);
        if (missing != PinterestSignals.None)
            gaps |= ResilienceGaps.MediumOrLowSignalsMissing;
        return new ResilienceAssessment(gaps, missing);
    }

    /// <summary>
    /// Assesses a whole site from a tally of the events it sent: 100% IP and user agent coverage of non-offline events,
    /// email or mobile ad id on every checkout, every lower-funnel event fired by the Tag also sent through the API,
    /// and, for Great, every medium and low weight signal sent.
    /// </summary>
    /// <param name="tally">What was sent.</param>
    /// <param name="tagEvents">The events the site fires with the Pinterest Tag; null when the site runs no Tag.</param>
    public static ResilienceAssessment AssessSite(ResilienceTally tally, IEnumerable<EventName>? tagEvents = null)
    {
        if (tally is null) throw new ArgumentNullException(nameof(tally));

        var gaps = ResilienceGaps.None;
        if (tally.OnlineEventsWithIpAndUserAgent < tally.OnlineEvents)
            gaps |= ResilienceGaps.IpAndUserAgentMissing;
        if (tally.CheckoutsWithEmailOrMobileAdId < tally.Checkouts)
            gaps |= ResilienceGaps.CheckoutWithoutEmailOrMobileAdId;
        if (tagEvents is not null)
        {
            foreach (var name in tagEvents)
            {
                if (PinterestSchema.IsLowerFunnel(name) && !tally.HasSent(name))
                {
                    gaps |= ResilienceGaps.LowerFunnelTagEventsNotSent;
                    break;
                }
            }
        }

        var missing = MissingForGreat(tally.SignalsSent);
        if (missing != PinterestSignals.None)
            gaps |= ResilienceGaps.MediumOrLowSignalsMissing;
        return new ResilienceAssessment(gaps, missing);
    }

    /// <summary>True when both the client IP address and the user agent are present.</summary>
    public static bool HasIpAndUserAgent(PinterestSignals signals) =>
        (signals & (PinterestSignals.ClientIpAddress | PinterestSignals.ClientUserAgent)) == (PinterestSignals.ClientIpAddress | PinterestSignals.ClientUserAgent);

    /// <summary>True when an email or a mobile ad id is present.</summary>
    public static bool HasEmailOrMobileAdId(PinterestSignals signals) =>
        (signals & (PinterestSignals.Email | PinterestSignals.MobileAdId)) != PinterestSignals.None;

    /// <summary>
    /// The medium and low weight signals absent from <paramref name="signals"/>. First and last name count as one signal
    /// (the article's "fn+ln"): when one is missing, both are listed.
    /// </summary>
    public static PinterestSignals MissingForGreat(PinterestSignals signals)
    {
        var missing = MediumAndLowSignals & ~signals;
        const PinterestSignals name = PinterestSignals.FirstName | PinterestSignals.LastName;
        if ((missing & name) != PinterestSignals.None)
            missing |= name;
        return missing;
    }

    private static PinterestSignals SignalsOfWeight(SignalWeight weight)
    {
        var signals = PinterestSignals.None;
        foreach (var field in PinterestSchema.Fields)
        {
            if (field.Weight == weight)
                signals |= field.Signal;
        }
        return signals;
    }
}
