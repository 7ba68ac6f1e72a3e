using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;
using Pinterest.Conversions.Samples.Shop;
using Xunit;

namespace Pinterest.Conversions.Shop.Tests;

/// <summary>The shop over HTTP, without a browser.</summary>
public sealed class ShopPageTests : IAsyncLifetime
{
    private WebApplication _app = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = ShopApp.Build(["--urls=http://127.0.0.1:0", "--environment=Development", "--Logging:LogLevel:Default=Warning"]);
        await _app.StartAsync();
        _http = new HttpClient(new HttpClientHandler { UseProxy = false }) { BaseAddress = new Uri(_app.Urls.First().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("ShopPageTests/1.0");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Without_credentials_the_shop_uses_the_embedded_sandbox()
    {
        Assert.True(_app.Services.GetRequiredService<ShopMode>().UsesSandbox);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync("pinterest/sandbox")).StatusCode);
        Assert.Contains("window.pintrk", await _http.GetStringAsync("pintrk-sandbox.js"));
    }

    [Fact]
    public async Task A_product_page_renders_the_tag_call_with_the_event_id_the_api_sent()
    {
        var html = await _http.GetStringAsync("product/mug-01");
        var call = Assert.Single(ShopDemo.TagCalls(html));
        using var tag = JsonDocument.Parse(call);
        Assert.Equal("pagevisit", tag.RootElement.GetProperty("event_name").GetString());
        var eventId = tag.RootElement.GetProperty("event_id").GetString();
        Assert.StartsWith("view-", eventId);

        using var report = await WaitForApiEvent(eventId!);
        Assert.NotNull(report);
    }

    [Fact]
    public async Task An_unknown_product_is_404_and_a_hostile_click_id_never_reaches_the_page_unencoded()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync("product/nope")).StatusCode);
        var html = await _http.GetStringAsync("product/tea-02?epik=%3C/script%3E%3Cscript%3Ealert(1)%3C/script%3E");
        Assert.DoesNotContain("<script>alert(1)", html);
    }

    private async Task<JsonDocument?> WaitForApiEvent(string eventId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var report = JsonDocument.Parse(await _http.GetStringAsync("pinterest/sandbox/report"));
            if (report.RootElement.GetProperty("recent_events").EnumerateArray()
                .Any(e => e.GetProperty("channel").GetString() == "api" && e.GetProperty("event_id").GetString() == eventId))
                return report;
            report.Dispose();
            await Task.Delay(50);
        }
        return null;
    }
}
