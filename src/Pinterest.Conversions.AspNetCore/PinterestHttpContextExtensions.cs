using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Pinterest.Conversions.AspNetCore;

/// <summary>Reads the Pinterest request context (client IP, user agent, click id, event_source_url) from an <see cref="HttpContext"/>.</summary>
public static class PinterestHttpContextExtensions
{
    /// <summary>The request context, read with the registered <see cref="PinterestRequestContextOptions"/> (or the defaults).</summary>
    public static PinterestRequestContext GetPinterestRequestContext(this HttpContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        var options = context.RequestServices?.GetService<IOptions<PinterestRequestContextOptions>>()?.Value ?? new PinterestRequestContextOptions();
        return context.GetPinterestRequestContext(options);
    }

    /// <summary>The request context, read with <paramref name="options"/>.</summary>
    public static PinterestRequestContext GetPinterestRequestContext(this HttpContext context, PinterestRequestContextOptions options)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        if (options is null) throw new ArgumentNullException(nameof(options));
        return new PinterestRequestContext(GetClientIp(context, options), GetUserAgent(context), GetClickId(context), GetEventSourceUrl(context));
    }

    /// <summary>
    /// The client IP: the left-most valid address of <see cref="PinterestRequestContextOptions.ForwardedForHeader"/> when set
    /// and present, else the connection's remote address. IPv4-mapped IPv6 addresses are returned as IPv4.
    /// </summary>
    public static string? GetClientIp(HttpContext context, PinterestRequestContextOptions options)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (!string.IsNullOrEmpty(options.ForwardedForHeader) && context.Request.Headers.TryGetValue(options.ForwardedForHeader, out var values))
        {
            foreach (var value in values)
            {
                if (value is null) continue;
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (TryParseAddress(part, out var forwarded)) return Format(forwarded);
                }
            }
        }
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

    private static bool TryParseAddress(string text, out IPAddress address)
    {
        var candidate = text.Trim().Trim('"');
        if (candidate.StartsWith('[') && candidate.IndexOf(']') is var close and > 0) candidate = candidate[1..close];                        // [v6]:port
        else if (candidate.Count(c => c == ':') == 1) candidate = candidate[..candidate.IndexOf(':')];                                          // v4:port
        return IPAddress.TryParse(candidate, out address!);
    }

    private static string Format(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
