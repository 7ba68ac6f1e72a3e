using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>The <c>_epik</c> cookie kept from a landing page's <c>epik</c> parameter: its attributes, its limits, consent, and the round trip.</summary>
public class ClickIdCookieTests
{
    private const string ClickId = "dj0yJnU9b0JVa3BJZkdaWkJFSVhNcmZD";

    private static DefaultHttpContext Request(string scheme, string? query)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString("shop.example.com");
        if (query is not null) context.Request.QueryString = new QueryString(query);
        return context;
    }

    [Fact]
    public void An_https_landing_sets_a_secure_lax_year_long_cookie_the_tag_can_read()
    {
        var context = Request("https", "?epik=" + ClickId);
        Assert.True(context.KeepPinterestClickId());
        var header = context.Response.Headers.SetCookie.ToString();
        Assert.Equal($"_epik={ClickId}; max-age=31536000; path=/; secure; samesite=lax", header);
    }

    [Fact]
    public void An_http_landing_sets_it_without_secure_and_options_set_the_domain_and_age()
    {
        var context = Request("http", "?epik=" + ClickId);
        Assert.True(context.KeepPinterestClickId(new PinterestClickIdCookieOptions { Domain = "example.com", MaxAge = TimeSpan.FromDays(30) }));
        Assert.Equal($"_epik={ClickId}; max-age=2592000; domain=example.com; path=/; samesite=lax", context.Response.Headers.SetCookie.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("?epik=")]
    [InlineData("?epik=%20%20")]
    [InlineData("?epik=a%3Bb")]          // a semicolon would end the cookie
    [InlineData("?epik=a%20b")]          // a space inside
    [InlineData("?epik=%C3%A9t%C3%A9")]  // not ASCII
    [InlineData("?epik=abc%3D%3D")]      // '=' would be percent-encoded in the cookie, and the Tag would read %3D
    [InlineData("?other=1")]
    public void No_or_unusable_click_id_sets_nothing(string? query)
    {
        var context = Request("https", query);
        Assert.False(context.KeepPinterestClickId());
        Assert.Equal(0, context.Response.Headers.SetCookie.Count);
    }

    [Fact]
    public void A_click_id_over_the_limit_is_not_kept()
    {
        Assert.True(PinterestClickIdCookie.IsValidClickId(new string('a', PinterestClickIdCookie.MaxLength)));
        var context = Request("https", "?epik=" + new string('a', PinterestClickIdCookie.MaxLength + 1));
        Assert.False(context.KeepPinterestClickId());
    }

    [Fact]
    public async Task Over_kestrel_the_cookie_comes_back_and_later_events_carry_the_click_id()
    {
        await using var app = await StartAsync(consentNeeded: false);
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(app.Urls.First()) };

        Assert.Equal(ClickId, await http.GetStringAsync("/landing?epik=" + ClickId));
        // A later request without the parameter (the checkout, after the Tag's cookie may have been capped).
        Assert.Equal(ClickId, await http.GetStringAsync("/checkout"));
        Assert.Equal(ClickId, cookies.GetCookies(http.BaseAddress!)["_epik"]?.Value);
    }

    [Fact]
    public async Task The_cookie_policy_withholds_it_without_consent_and_lets_it_through_with_consent()
    {
        await using var app = await StartAsync(consentNeeded: true);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using (var response = await http.GetAsync("/landing?epik=" + ClickId))
            Assert.False(response.Headers.Contains("Set-Cookie"));

        using var consented = new HttpRequestMessage(HttpMethod.Get, "/landing?epik=" + ClickId);
        consented.Headers.Add("Cookie", ".AspNet.Consent=yes");
        using (var response = await http.SendAsync(consented))
            Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"_epik={ClickId};", StringComparison.Ordinal));
    }

    private static async Task<WebApplication> StartAsync(bool consentNeeded)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<CookiePolicyOptions>(o => o.CheckConsentNeeded = _ => consentNeeded);
        var app = builder.Build();
        app.UseCookiePolicy();
        app.UsePinterestClickIdCookie();
        app.MapGet("/landing", (HttpContext http) => http.GetPinterestRequestContext().ClickId ?? "(none)");
        app.MapGet("/checkout", (HttpContext http) => http.GetPinterestRequestContext().ClickId ?? "(none)");
        await app.StartAsync();
        return app;
    }
}
