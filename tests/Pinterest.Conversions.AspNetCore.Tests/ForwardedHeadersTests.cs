using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>
/// The client IP behind a proxy, over real Kestrel on loopback: ASP.NET Core's ForwardedHeadersMiddleware rewrites the
/// remote address from X-Forwarded-For only when the sender (here 127.0.0.1) is a proxy the app trusts; the helpers
/// then read the remote address. A client that writes the header itself picks nothing.
/// </summary>
public class ForwardedHeadersTests
{
    [Fact]
    public async Task Without_the_middleware_the_header_is_ignored()
    {
        await using var app = await StartAsync(configure: null);
        Assert.Equal("127.0.0.1", await ClientIpAsync(app, "6.6.6.6"));
    }

    [Fact]
    public async Task An_untrusted_senders_header_is_ignored()
    {
        // The app trusts one proxy, 10.1.2.3; the request comes from 127.0.0.1 with a header of its own making.
        await using var app = await StartAsync(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Add(IPAddress.Parse("10.1.2.3"));
        });
        Assert.Equal("127.0.0.1", await ClientIpAsync(app, "6.6.6.6"));
    }

    [Fact]
    public async Task A_trusted_proxys_header_is_honoured()
    {
        await using var app = await StartAsync(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Add(IPAddress.Loopback);
        });
        Assert.Equal("203.0.113.9", await ClientIpAsync(app, "203.0.113.9"));
        // Only the right-most untrusted address counts: what the client wrote in front of the proxy's entry does not.
        Assert.Equal("203.0.113.9", await ClientIpAsync(app, "6.6.6.6, 203.0.113.9"));
    }

    [Fact]
    public async Task Cleared_trusted_lists_trust_every_sender_as_ASPNETCORE_FORWARDEDHEADERS_ENABLED_does()
    {
        // What docs/sending.md warns about: with both lists cleared, any client picks its own IP.
        await using var app = await StartAsync(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
        });
        Assert.Equal("6.6.6.6", await ClientIpAsync(app, "6.6.6.6"));
    }

    private static async Task<WebApplication> StartAsync(Action<ForwardedHeadersOptions>? configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        if (configure is not null)
        {
            var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            configure(options);
            app.UseForwardedHeaders(options);
        }
        app.MapGet("/ip", (HttpContext http) => http.GetPinterestRequestContext().ClientIpAddress ?? "(none)");
        await app.StartAsync();
        return app;
    }

    private static async Task<string> ClientIpAsync(WebApplication app, string forwardedFor)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ip");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
