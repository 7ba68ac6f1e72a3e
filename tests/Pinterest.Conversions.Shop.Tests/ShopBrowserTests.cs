using Microsoft.AspNetCore.Builder;
using System.Text.Json;
using Microsoft.Playwright;
using Pinterest.Conversions.Samples.Shop;
using Pinterest.Conversions.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Shop.Tests;

/// <summary>A shopper in a real browser (Debian's chromium, headless): views a product, adds it to the cart and buys.</summary>
public sealed class ShopBrowserTests(ITestOutputHelper output)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public async Task Tag_and_API_checkout_share_the_event_id_and_count_as_one_deduplicated_conversion()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var app = ShopApp.Build(["--urls=http://127.0.0.1:0", "--environment=Development", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync(timeout.Token);
        var baseUrl = app.Urls.First().TrimEnd('/');

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1100, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000); // a page that never loads still fails; a busy 2-core machine may take over 15 s
        page.SetDefaultNavigationTimeout(60_000);

        // The product list, then a product page (page_visit).
        await page.GotoAsync(baseUrl + "/");
        await page.ClickAsync("a[data-sku='pot-03']");
        await page.WaitForURLAsync("**/product/pot-03");
        await WaitForTagAsync(page, "pagevisit");

        // Add to cart (add_to_cart), go to the cart, buy (checkout).
        await page.ClickAsync("#add-to-cart");
        await page.WaitForSelectorAsync("#added");
        await WaitForTagAsync(page, "addtocart");
        await page.ClickAsync("#go-to-cart");
        await page.FillAsync("#email", "Browser.Shopper@Example.com");
        await page.ClickAsync("#buy");
        var orderNumber = (await page.Locator("#order-number").InnerTextAsync()).Trim();
        var tagCheckout = await WaitForTagAsync(page, "checkout");
        Assert.Equal(orderNumber, tagCheckout.GetProperty("event_id").GetString());
        Directory.CreateDirectory(ScreenshotDirectory);
        var shopShot = Path.Combine(ScreenshotDirectory, "shop-checkout.png");
        await page.ScreenshotAsync(new() { Path = shopShot, FullPage = true });

        // The sandbox saw the checkout from both channels with the same event_id, and counted one conversion.
        var checkout = await WaitForReportAsync(page, baseUrl, r => Events(r, "checkout", orderNumber).Count >= 2);
        var copies = Events(checkout, "checkout", orderNumber);
        Assert.Equal("api,tag", string.Join(",", copies.Select(e => e.GetProperty("channel").GetString()).Order()));
        Assert.Single(copies, e => e.GetProperty("deduplicated").GetBoolean());
        var totals = checkout.RootElement.GetProperty("by_event").EnumerateArray()
            .Where(e => e.GetProperty("event_name").GetString() == "checkout").ToList();
        Assert.Equal(1, totals.Sum(e => e.GetProperty("conversions").GetInt64()));
        Assert.Equal(1, totals.Sum(e => e.GetProperty("deduplicated").GetInt64()));
        Assert.True(checkout.RootElement.GetProperty("totals").GetProperty("deduplicated").GetInt64() >= 1);

        // The dashboard, as the shopper's browser shows it.
        await page.GotoAsync(baseUrl + ShopMode.SandboxPrefix + "/sandbox");
        await page.WaitForSelectorAsync("body");
        var dashboardShot = Path.Combine(ScreenshotDirectory, "sandbox-dashboard.png");
        await page.ScreenshotAsync(new() { Path = dashboardShot, FullPage = true });
        output.WriteLine($"screenshots: {shopShot} {dashboardShot}");
        Console.WriteLine($"screenshots: {shopShot} {dashboardShot}");
        await context.CloseAsync();
        await app.StopAsync(timeout.Token);
    }

    /// <summary>Waits until the Tag stand-in has posted <paramref name="tagName"/> and the sandbox answered; returns the log entry.</summary>
    private static async Task<JsonElement> WaitForTagAsync(IPage page, string tagName)
    {
        await page.WaitForFunctionAsync(
            "name => (window.__pinterestTagLog || []).some(e => e.event_name === name && e.status === 'processed')", tagName,
            new() { Timeout = 10_000 });
        var json = await page.EvaluateAsync<string>("name => JSON.stringify(window.__pinterestTagLog.filter(e => e.event_name === name).pop())", tagName);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private static async Task<JsonDocument> WaitForReportAsync(IPage page, string baseUrl, Func<JsonDocument, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var response = await page.APIRequest.GetAsync(baseUrl + ShopMode.SandboxPrefix + "/sandbox/report");
            var report = JsonDocument.Parse(await response.TextAsync());
            if (done(report) || DateTime.UtcNow > deadline) return report;
            report.Dispose();
            await Task.Delay(100);
        }
    }

    private static List<JsonElement> Events(JsonDocument report, string name, string eventId) =>
        report.RootElement.GetProperty("recent_events").EnumerateArray()
            .Where(e => e.GetProperty("event_name").GetString() == name && e.GetProperty("event_id").GetString() == eventId).ToList();
}
