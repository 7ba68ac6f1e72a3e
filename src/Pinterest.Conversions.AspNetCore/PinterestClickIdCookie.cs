using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Pinterest.Conversions.AspNetCore;

/// <summary>
/// Keeps the Pinterest click id (opt-in): when a request carries the <c>epik</c> query parameter, sets the first-party
/// <c>_epik</c> cookie from the server, so later server-side events carry the click id even where browsers cap cookies
/// written by script (the Tag's own). Secure when the request is https, SameSite=Lax, a year long, readable by the Tag
/// (not HttpOnly) and, unless told otherwise, not essential: ASP.NET Core's cookie policy withholds it without consent.
/// </summary>
public static class PinterestClickIdCookie
{
    /// <summary>The longest click id kept.</summary>
    public const int MaxLength = 1000;

    /// <summary>Adds middleware that calls <see cref="KeepPinterestClickId"/> for every request, before the app's endpoints.</summary>
    public static IApplicationBuilder UsePinterestClickIdCookie(this IApplicationBuilder app, Action<PinterestClickIdCookieOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = new PinterestClickIdCookieOptions();
        configure?.Invoke(options);
        return app.Use((context, next) =>
        {
            context.KeepPinterestClickId(options);
            return next(context);
        });
    }

    /// <summary>
    /// Sets the <c>_epik</c> cookie when the request carries a valid <c>epik</c> query parameter and the response has not
    /// started; returns true when it was appended (the cookie policy may still withhold it without consent).
    /// </summary>
    public static bool KeepPinterestClickId(this HttpContext context, PinterestClickIdCookieOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted) return false;
        var clickId = context.Request.Query[PinterestCookies.ClickIdQueryParameter].ToString().Trim();
        if (!IsValidClickId(clickId)) return false;
        options ??= new PinterestClickIdCookieOptions();
        context.Response.Cookies.Append(PinterestCookies.ClickIdCookie, clickId, new CookieOptions
        {
            Path = "/",
            Domain = options.Domain,
            MaxAge = options.MaxAge,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            HttpOnly = false, // the Tag reads it too
            IsEssential = options.IsEssential,
        });
        return true;
    }

    /// <summary>
    /// True for 1 to <see cref="MaxLength"/> of <c>A-Z a-z 0-9 - . _ ~</c>: the characters a cookie value carries as they
    /// are (ASP.NET Core percent-encodes any other, and the Tag reads the cookie as written).
    /// </summary>
    public static bool IsValidClickId(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength) return false;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~')) return false;
        }
        return true;
    }
}
