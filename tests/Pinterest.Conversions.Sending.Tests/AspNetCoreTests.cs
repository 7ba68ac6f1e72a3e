using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pinterest.Conversions.AspNetCore;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>The request-context helpers and the Tag rendering.</summary>
public class AspNetCoreTests
{
    private static DefaultHttpContext Request(string path = "/checkout", string? query = null, string? cookie = null, string? forwarded = null, string remote = "10.0.0.5")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "https";
        context.Request.Host = new HostString("shop.example.com");
        context.Request.Path = path;
        if (query is not null) context.Request.QueryString = new QueryString(query);
        if (cookie is not null) context.Request.Headers.Cookie = cookie;
        if (forwarded is not null) context.Request.Headers["X-Forwarded-For"] = forwarded;
        context.Request.Headers.UserAgent = Make.UserAgent;
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        return context;
    }

    [Fact]
    public void ReadsIpUserAgentUrl_FromTheConnection_ByDefault()
    {
        var context = Request(query: "?q=1", forwarded: "203.0.113.9");
        var info = context.GetPinterestRequestContext(new PinterestRequestContextOptions());
        Assert.Equal("10.0.0.5", info.ClientIpAddress);   // the header is not trusted unless configured
        Assert.Equal(Make.UserAgent, info.ClientUserAgent);
        Assert.Equal("https://shop.example.com/checkout?q=1", info.EventSourceUrl);
        Assert.Null(info.ClickId);
    }

    [Theory]
    [InlineData("203.0.113.9, 10.0.0.1", "203.0.113.9")]
    [InlineData("203.0.113.9:5123", "203.0.113.9")]
    [InlineData("[2001:db8::1]:443, 10.0.0.1", "2001:db8::1")]
    [InlineData("garbage, 198.51.100.7", "198.51.100.7")]
    [InlineData("garbage", "10.0.0.5")]
    public void ForwardedHeader_WhenConfigured(string header, string expected)
    {
        var options = new PinterestRequestContextOptions { ForwardedForHeader = "X-Forwarded-For" };
        Assert.Equal(expected, Request(forwarded: header).GetPinterestRequestContext(options).ClientIpAddress);
    }

    [Fact]
    public void Options_FromServices()
    {
        var services = new ServiceCollection();
        services.Configure<PinterestRequestContextOptions>(o => o.ForwardedForHeader = "X-Forwarded-For");
        var context = Request(forwarded: "203.0.113.9");
        context.RequestServices = services.BuildServiceProvider();
        Assert.Equal("203.0.113.9", context.GetPinterestRequestContext().ClientIpAddress);
    }

    [Fact]
    public void Ipv4MappedAddresses_AreIpv4()
    {
        Assert.Equal("192.0.2.1", Request(remote: "::ffff:192.0.2.1").GetPinterestRequestContext(new PinterestRequestContextOptions()).ClientIpAddress);
    }

    [Theory]
    [InlineData("?epik=fromQuery", "_epik=fromCookie", "fromQuery")]
    [InlineData(null, "_epik=fromCookie; other=1", "fromCookie")]
    [InlineData("?epik=", "_epik=fromCookie", "fromCookie")]
    [InlineData(null, null, null)]
    public void ClickId_QueryThenCookie(string? query, string? cookie, string? expected) =>
        Assert.Equal(expected, PinterestHttpContextExtensions.GetClickId(Request(query: query, cookie: cookie)));

    [Fact]
    public void ToString_ShowsNoValue()
    {
        var info = Request(query: "?epik=abc").GetPinterestRequestContext(new PinterestRequestContextOptions());
        Assert.DoesNotContain("10.0.0.5", info.ToString());
        Assert.DoesNotContain("abc", info.ToString());
    }

    [Fact]
    public void TrackCall_IsTheTagData_AndSafelyEncoded()
    {
        var evt = Make.Purchase("</script><script>alert('x')</script>", DateTimeOffset.UtcNow);
        var call = PinterestTag.RenderTrackCall(evt, PinterestWriteContext.Default);

        Assert.StartsWith("pintrk('track', 'checkout', {", call);
        Assert.EndsWith("});", call);
        Assert.DoesNotContain("</script>", call, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<", call);
        Assert.DoesNotContain("'x'", call);
        var json = call["pintrk('track', 'checkout', ".Length..^2];
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("</script><script>alert('x')</script>", doc.RootElement.GetProperty("event_id").GetString());
        Assert.DoesNotContain("em", doc.RootElement.EnumerateObject().Select(p => p.Name)); // no identity in the Tag's event data
    }

    [Fact]
    public void TagHelper_RendersAScript_WithNonce()
    {
        var helper = new PinterestTagTagHelper { Event = Make.Visit("v-1", DateTimeOffset.UtcNow), Nonce = "n\"1" };
        var output = Run(helper);
        Assert.Equal("script", output.TagName);
        Assert.Equal(TagMode.StartTagAndEndTag, output.TagMode);
        Assert.Equal("n\"1", output.Attributes["nonce"].Value);
        Assert.StartsWith("pintrk('track', 'pagevisit', {", output.Content.GetContent());
    }

    [Fact]
    public void TagHelper_NullEvent_RendersNothing()
    {
        var output = Run(new PinterestTagTagHelper());
        Assert.Null(output.TagName);
    }

    [Theory]
    [InlineData("add_to_cart", "addtocart")]
    [InlineData("checkout", "checkout")]
    [InlineData("page_visit", "pagevisit")]
    public void TagEventNames(string wire, string tag) => Assert.Equal(tag, PinterestTag.TagEventName(wire));

    private static TagHelperOutput Run(TagHelper helper)
    {
        var context = new TagHelperContext([], new Dictionary<object, object>(), "id");
        var output = new TagHelperOutput("pinterest-tag", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        helper.Process(context, output);
        return output;
    }
}
