using Microsoft.Playwright;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.AspNetCore.Tests.Outbox;

/// <summary>
/// An operator in a real browser (Debian's chromium, headless) on the outbox page of a real app: a SQLite outbox with
/// two paused accounts' pending events and two parked events, one redriven and one purged with the page's own forms.
/// </summary>
public sealed class OutboxPageBrowserTests(ITestOutputHelper output)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [BrowserFact]
    public async Task Operator_sees_counts_paused_accounts_and_parked_events_then_redrives_one_and_purges_another()
    {
        await using var host = await OutboxPageHost.StartAsync();
        await host.SeedAsync();
        var unknown = await ParkedAsync(host, OutboxPageHost.UnknownEventId);
        var rejected = await ParkedAsync(host, OutboxPageHost.HostileEventId);
        Assert.Equal(PinterestParkReason.OutcomeUnknown, unknown.Reason);
        Assert.Equal(PinterestParkReason.Rejected, rejected.Reason);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000); // a page that never loads still fails; a busy 2-core machine may take over 15 s
        var violations = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") violations.Add(message.Text); };

        // Signed in as an operator (role "ops"), the login redirects to the page.
        await page.GotoAsync(host.BaseUrl + "/login?role=ops");
        await page.WaitForURLAsync("**" + OutboxPageHost.PagePath);

        // The counts, in all and per account, with the two paused accounts.
        Assert.Equal("3", await Text(page, "#total-pending b"));
        Assert.Equal("0", await Text(page, "#total-in-flight b"));
        Assert.Equal("2", await Text(page, "#total-parked b"));
        Assert.Equal("2", await Text(page, "#paused-accounts b"));
        Assert.NotEqual("–", await Text(page, "#oldest-pending b"));
        Assert.Equal("2", await Text(page, "#accounts tr[data-account='acme'] .pending"));
        Assert.Equal("paused", await Text(page, "#accounts tr[data-account='acme'] .sending"));
        Assert.Equal("1", await Text(page, "#accounts tr[data-account='globex'] .pending"));
        Assert.Equal("paused", await Text(page, "#accounts tr[data-account='globex'] .sending"));
        Assert.Equal("2", await Text(page, "#accounts tr[data-account=''] .parked"));
        Assert.Equal("active", await Text(page, "#accounts tr[data-account=''] .sending"));
        Assert.Contains("401", await Text(page, "#paused tr[data-account='acme'] .message"));

        // The parked rows: the hostile event_id is shown as text and never runs; Pinterest's message is there.
        var rejectedRow = page.Locator($"#parked tr[data-id='{rejected.Id}']");
        Assert.Equal(OutboxPageHost.HostileEventId, await rejectedRow.Locator(".event-id").InnerTextAsync());
        Assert.Equal("rejected", await rejectedRow.Locator(".reason").InnerTextAsync());
        Assert.Contains("Given timestamp is in the past", await rejectedRow.Locator(".message").InnerTextAsync());
        Assert.Equal("outcome unknown", await page.Locator($"#parked tr[data-id='{unknown.Id}'] .reason").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#parked script, #parked img").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"));
        Assert.Empty(violations); // no CSP report: the style element is allowed by its hash, and nothing else loads

        Directory.CreateDirectory(ScreenshotDirectory);
        var shot = Path.Combine(ScreenshotDirectory, "outbox-page.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        output.WriteLine($"screenshot: {shot}");

        // Redrive the offline event whose outcome was unknown: it leaves the parked list and reaches Pinterest.
        await page.ClickAsync($"#parked tr[data-id='{unknown.Id}'] button.redrive");
        await page.WaitForURLAsync("**" + OutboxPageHost.PagePath + "?redriven=1");
        Assert.Contains("1 parked event sent again", await Text(page, "#notice"));
        Assert.Equal(0, await page.Locator($"#parked tr[data-id='{unknown.Id}']").CountAsync());
        await host.WaitForAsync(s => s.Parked == 1 && OutboxPageHost.Account(s, null) is { Pending: 0, InFlight: 0 }, "the redriven event delivered");
        Assert.Contains(host.Sandbox.GetReport().RecentEvents, e => e.EventId == OutboxPageHost.UnknownEventId && e.Status == "processed");

        // Purge the rejected one: gone from the page and from the outbox.
        await page.ClickAsync($"#parked tr[data-id='{rejected.Id}'] button.purge");
        await page.WaitForURLAsync("**" + OutboxPageHost.PagePath + "?purged=1");
        Assert.Contains("1 parked event purged", await Text(page, "#notice"));
        await page.WaitForSelectorAsync("#no-parked");
        Assert.Equal("0", await Text(page, "#total-parked b"));
        Assert.Equal("3", await Text(page, "#total-pending b")); // the paused accounts' events still wait
        Assert.Equal(0, (await host.Outbox.GetStatisticsAsync()).Parked);
        Assert.DoesNotContain(host.Sandbox.GetReport().RecentEvents, e => e.EventId == OutboxPageHost.HostileEventId && e.Status == "processed");

        await context.CloseAsync();
    }

    private static async Task<string> Text(IPage page, string selector) => (await page.Locator(selector).InnerTextAsync()).Trim();

    private static async Task<PinterestParkedEvent> ParkedAsync(OutboxPageHost host, string eventId)
    {
        await foreach (var parked in host.Outbox.GetParkedAsync())
            if (parked.EventId == eventId) return parked;
        throw new InvalidOperationException($"{eventId} is not parked");
    }
}
