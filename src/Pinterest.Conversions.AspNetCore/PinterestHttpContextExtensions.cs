using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Pinterest.Conversions.AspNetCore;

/// <summary>Reads the Pinterest request context (client IP, user agent, click id, event_source_url) from an <see cref="HttpContext"/>.</summary>
public static class PinterestHttpContextExtensions
{
    /// <summary>
    /// The request context: client IP, user agent, click id and event_source_url. Personal values: map them to event
    /// members, never log them.
    /// </summary>
    public static PinterestRequestContext GetPinterestRequestContext(this HttpContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        return new PinterestRequestContext(GetClientIp(context), GetUserAgent(context), GetClickId(context), GetEventSourceUrl(context));
    }

    /// <summary>
    /// The client IP: the connection's remote address (IPv4-mapped IPv6 addresses as IPv4). Behind a proxy or load
    /// balancer, ASP.NET Core's ForwardedHeadersMiddleware rewrites it from X-Forwarded-For for the proxies the app
    /// trusts (KnownProxies, KnownIPNetworks); no header is read here, because its left-most address is whatever the
    /// client wrote.
    /// </summary>
    public static string? GetClientIp(HttpContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        return context.Connection.RemoteIpAddress is { } remote ? Format(remote) : null;
    }

    /// <summary>The User-Agent header, or null when absent or blank.</summary>
    public static string? GetUserAgent(HttpContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        var agent = context.Request.Headers.UserAgent.ToString();
        return string.IsNullOrWhiteSpace(agent) ? null : agent;
    }

    /// <summary>The click id: the <c>epik</c> query parameter (a fresh click) first, then the <c>_epik</c> cookie; null when neither is set.</summary>
    public static string? GetClickId(HttpContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        var query = context.Request.Query[PinterestCookies.ClickIdQueryParameter].ToString();
        if (!string.IsNullOrWhiteSpace(query)) return query.Trim();
        return context.Request.Cookies.TryGetValue(PinterestCookies.ClickIdCookie, out var cookie) && !string.IsNullOrWhiteSpace(cookie) ? cookie.Trim() : null;
    }

    /// <summary>The request's absolute URL (event_source_url), as the browser would show it.</summary>
    public static string? GetEventSourceUrl(HttpContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        return context.Request.Host.HasValue ? context.Request.GetDisplayUrl() : null;
    }

    private static string Format(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
