using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Text.Json;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary><c>GET /sandbox</c> (HTML, encoded, self-contained) and <c>GET /sandbox/report</c> (JSON).</summary>
public sealed class DashboardTests
{
    private static readonly FakeTimeProvider Clock = Clocks.Start();

    [Fact]
    public async Task The_dashboard_renders_counts_level_and_events_and_encodes_every_value()
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);
        await client.PostEvents(Bodies.Request(
            Bodies.Event(Clock.UnixNow(), id: "<script>alert(1)</script>"),
            Bodies.Event(Clock.UnixNow(), id: "order-\\\"&'", name: "page_visit")));
        await client.PostTag(Bodies.Tag("checkout", "<script>alert(1)</script>"));

        var page = await client.Get("sandbox");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page.Body);
        Assert.DoesNotContain("<script", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("order-&quot;&amp;&#x27;", page.Body);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"2\">", page.Body);
        Assert.Contains("class=\"level Good\">Good</span>", page.Body);
        Assert.Contains("deduplicated", page.Body);
        Assert.Contains("Great also needs these signals", page.Body);
        // Self-contained: nothing loaded from anywhere.
        Assert.DoesNotContain("src=", page.Body);
        Assert.DoesNotContain("<link", page.Body);
        Assert.DoesNotContain("http://", page.Body);
        Assert.DoesNotContain("https://", page.Body);
    }

    [Fact]
    public async Task The_dashboard_is_served_as_html_with_a_strict_content_security_policy()
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

        using var response = await http.GetAsync("sandbox");

        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("no events yet", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_report_is_json_in_snake_case()
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);
        await client.PostEvents(Bodies.Request(Bodies.Event(Clock.UnixNow(), id: "a"), Bodies.Event(Clock.UnixNow(), id: "a")));

        var report = await client.Get("sandbox/report");

        Assert.Equal(HttpStatusCode.OK, report.Status);
        var json = report.Json;
        Assert.Equal(2, json.GetProperty("totals").GetProperty("received").GetInt64());
        Assert.Equal(1, json.GetProperty("totals").GetProperty("deduplicated").GetInt64());
        Assert.Equal(1, json.GetProperty("totals").GetProperty("conversions").GetInt64());
        Assert.Equal(1, json.GetProperty("totals").GetProperty("duplicate_receipts").GetInt64());
        Assert.Equal("Good", json.GetProperty("health").GetProperty("level").GetString());
        Assert.Equal(1, json.GetProperty("requests").GetProperty("by_status").GetProperty("200").GetInt64());
        var row = json.GetProperty("by_event")[0];
        Assert.Equal("checkout", row.GetProperty("event_name").GetString());
        Assert.Equal("api", row.GetProperty("channel").GetString());
        var recent = json.GetProperty("recent_events");
        Assert.Equal(2, recent.GetArrayLength());
        Assert.True(recent[0].GetProperty("deduplicated").GetBoolean());
        Assert.Equal(JsonValueKind.String, recent[0].GetProperty("received_at").ValueKind);
    }

    [Fact]
    public async Task Recent_events_are_bounded()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.RecentEventCapacity = 5);
        using var client = new SandboxClient(sandbox);

        await client.PostEvents(Bodies.Request(Enumerable.Range(0, 12).Select(i => Bodies.Event(Clock.UnixNow(), id: $"e{i}"))));

        var recent = sandbox.GetReport().RecentEvents;
        Assert.Equal(["e11", "e10", "e9", "e8", "e7"], recent.Select(e => e.EventId));
    }

    [Fact]
    public async Task Reset_over_http_is_204_and_empties_the_report()
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);
        await client.PostEvents(Bodies.Request(Bodies.Event(Clock.UnixNow())));

        var reset = await client.Post("sandbox/reset", "");

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal(0, sandbox.GetReport().Totals.Received);
        Assert.Equal(0, sandbox.GetReport().Requests.Total);
    }
}
