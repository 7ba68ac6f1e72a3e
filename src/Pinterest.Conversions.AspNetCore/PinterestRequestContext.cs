namespace Pinterest.Conversions.AspNetCore;

/// <summary>
/// What a request tells about the visitor for an event: client IP, user agent, Pinterest click id and the page URL.
/// Personal values: map them to event members, never log them.
/// </summary>
public sealed class PinterestRequestContext
{
    /// <summary>Creates a context.</summary>
    public PinterestRequestContext(string? clientIpAddress, string? clientUserAgent, string? clickId, string? eventSourceUrl)
    {
        ClientIpAddress = clientIpAddress;
        ClientUserAgent = clientUserAgent;
        ClickId = clickId;
        EventSourceUrl = eventSourceUrl;
    }

    /// <summary>The client's IP address (IPv4-mapped addresses as IPv4), or null.</summary>
    public string? ClientIpAddress { get; }

    /// <summary>The User-Agent header, or null.</summary>
    public string? ClientUserAgent { get; }

    /// <summary>The Pinterest click id: the <c>epik</c> query parameter of a landing page, else the <c>_epik</c> cookie; or null.</summary>
    public string? ClickId { get; }

    /// <summary>The absolute URL of the request (event_source_url).</summary>
    public string? EventSourceUrl { get; }

    /// <summary>Says which values are present, never the values.</summary>
    public override string ToString() =>
        $"ip: {ClientIpAddress is not null}, user agent: {ClientUserAgent is not null}, click id: {ClickId is not null}, url: {EventSourceUrl is not null}";
}
