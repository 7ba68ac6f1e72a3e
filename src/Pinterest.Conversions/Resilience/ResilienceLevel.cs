namespace Pinterest.Conversions;

// Linked into the generator assembly, where PINTEREST_GENERATOR keeps these types internal.

/// <summary>The resilience levels of Pinterest's API for Conversions help article.</summary>
#if PINTEREST_GENERATOR
internal
#else
public
#endif
enum ResilienceLevel
{
    /// <summary>IP and user agent missing, a checkout without email or mobile ad id, or lower-funnel Tag events not sent through the API.</summary>
    Poor = 0,

    /// <summary>Every Good (also called Fair) requirement is met, but not every medium and low weight signal is sent.</summary>
    Good = 1,

    /// <summary>Good, and every medium and low weight signal is sent too.</summary>
    Great = 2,
}

/// <summary>What keeps an event, a type or a site from the next resilience level.</summary>
[Flags]
#if PINTEREST_GENERATOR
internal
#else
public
#endif
enum ResilienceGaps
{
    /// <summary>Nothing is missing.</summary>
    None = 0,

    /// <summary>A non-offline event lacks the client IP address, the user agent, or both.</summary>
    IpAndUserAgentMissing = 1 << 0,

    /// <summary>A checkout event carries neither an email nor a mobile ad id.</summary>
    CheckoutWithoutEmailOrMobileAdId = 1 << 1,

    /// <summary>The site fires a lower-funnel event (add to cart, checkout, lead, signup) with the Tag but not through the API.</summary>
    LowerFunnelTagEventsNotSent = 1 << 2,

    /// <summary>Some medium or low weight signals are never sent (only this gap still allows Good).</summary>
    MediumOrLowSignalsMissing = 1 << 3,
}
