using System.Net;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>What the request-context helpers read from one request, and what they never read.</summary>
public class RequestContextTests
{
    private const string UserAgent = "Mozilla/5.0 (X11; Linux x86_64)";

    private static DefaultHttpContext Request(string? query = null, string? cookie = null, string? forwarded = null, string remote = "10.0.0.5")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("shop.example.com");
        context.Request.Path = "/checkout";
        if (query is not null) context.Request.QueryString = new QueryString(query);
        if (cookie is not null) context.Request.Headers.Cookie = cookie;
        if (forwarded is not null) context.Request.Headers["X-Forwarded-For"] = forwarded;
        context.Request.Headers.UserAgent = UserAgent;
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        return context;
    }

    [Fact]
    public void Reads_ip_user_agent_and_url_from_the_connection()
    {
        var info = Request(query: "?q=1").GetPinterestRequestContext();
        Assert.Equal("10.0.0.5", info.ClientIpAddress);
        Assert.Equal(UserAgent, info.ClientUserAgent);
        Assert.Equal("https://shop.example.com/checkout?q=1", info.EventSourceUrl);
        Assert.Null(info.ClickId);
    }

    [Theory]
    [InlineData("6.6.6.6")]
    [InlineData("6.6.6.6, 10.0.0.1")]
    [InlineData("[2001:db8::6]:443")]
    public void A_forwarded_header_alone_never_picks_the_ip(string header) =>
        // Only ForwardedHeadersMiddleware, for proxies the app trusts, may rewrite the remote address (ForwardedHeadersTests).
        Assert.Equal("10.0.0.5", Request(forwarded: header).GetPinterestRequestContext().ClientIpAddress);

    [Fact]
    public void Ipv4_mapped_addresses_are_ipv4() =>
        Assert.Equal("192.0.2.1", Request(remote: "::ffff:192.0.2.1").GetPinterestRequestContext().ClientIpAddress);

    [Fact]
    public void No_remote_address_is_no_ip()
    {
        var context = Request();
        context.Connection.RemoteIpAddress = null;
        Assert.Null(context.GetPinterestRequestContext().ClientIpAddress);
    }

    [Theory]
    [InlineData("?epik=fromQuery", "_epik=fromCookie", "fromQuery")]
    [InlineData(null, "_epik=fromCookie; other=1", "fromCookie")]
    [InlineData("?epik=", "_epik=fromCookie", "fromCookie")]
    [InlineData(null, null, null)]
    public void Click_id_from_the_query_then_the_cookie(string? query, string? cookie, string? expected) =>
        Assert.Equal(expected, PinterestHttpContextExtensions.GetClickId(Request(query: query, cookie: cookie)));

    [Fact]
    public void ToString_shows_no_value()
    {
        var info = Request(query: "?epik=abc").GetPinterestRequestContext();
        Assert.DoesNotContain("10.0.0.5", info.ToString());
        Assert.DoesNotContain("abc", info.ToString());
    }
}
