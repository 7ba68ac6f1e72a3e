namespace Pinterest.Conversions.AspNetCore;

/// <summary>The <c>_epik</c> cookie that <see cref="PinterestClickIdCookie"/> sets from a landing page's <c>epik</c> parameter.</summary>
public sealed class PinterestClickIdCookieOptions
{
    /// <summary>How long the cookie lives (default one year, as the Tag's own).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The cookie's domain, such as <c>example.com</c> to share it with subdomains; null for the request's host.</summary>
    public string? Domain { get; set; }

    /// <summary>
    /// True to set it even without the visitor's consent when <c>CookiePolicyOptions.CheckConsentNeeded</c> asks for
    /// one. False by default: a measurement cookie is not essential.
    /// </summary>
    public bool IsEssential { get; set; }
}
