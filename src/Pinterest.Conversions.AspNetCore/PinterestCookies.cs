namespace Pinterest.Conversions.AspNetCore;

/// <summary>Names the Pinterest Tag uses in the browser.</summary>
public static class PinterestCookies
{
    /// <summary>The first-party cookie holding the Pinterest click id.</summary>
    public const string ClickIdCookie = "_epik";

    /// <summary>The query parameter carrying the Pinterest click id on landing pages.</summary>
    public const string ClickIdQueryParameter = "epik";
}
