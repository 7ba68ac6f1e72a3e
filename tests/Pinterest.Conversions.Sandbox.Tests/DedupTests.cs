using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>
/// Pinterest's help article (docs/pinterest-api.md §4.2, §4.3): duplicates on event_id + event_name within 48 hours are removed,
/// never offline ones; events received over an hour late are reported as offline.
/// </summary>
public sealed class DedupTests : SandboxTest
{
    private async Task Api(string name, string id, string source = "web", long? time = null)
    {
        var response = await Client.PostEvents(Bodies.Request(Bodies.Event(time ?? Clock.UnixNow(), name, id, source)));
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    private async Task<SandboxResponse> Tag(string name, string id, long? time = null)
    {
        var response = await Client.PostTag(Bodies.Tag(name, id, time));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response;
    }

    private SandboxEventCounts Totals => Server.GetReport().Totals;

    [Fact]
    public async Task A_tag_event_and_an_api_event_with_the_same_id_and_name_are_one_conversion()
    {
        await Tag("checkout", "order-1");
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Api("checkout", "order-1");

        var report = Server.GetReport();
        Assert.Equal(2, report.Totals.Received);
        Assert.Equal(1, report.Totals.Conversions);
        Assert.Equal(1, report.Totals.Deduplicated);
        Assert.Equal(1, report.Totals.DuplicateReceipts);
        var api = Assert.Single(report.ByEvent, r => r.Channel == "api");
        Assert.Equal(1, api.Deduplicated);
        Assert.Equal(0, api.Conversions);
        Assert.True(report.RecentEvents[0].Deduplicated);
        Assert.Equal("api", report.RecentEvents[0].Channel);
    }

    [Fact]
    public async Task The_tag_may_name_the_event_the_tag_way()
    {
        var tag = await Tag("AddToCart", "cart-9");
        await Api("add_to_cart", "cart-9");

        Assert.False(tag.Json.GetProperty("deduplicated").GetBoolean());
        Assert.Equal(1, Totals.Conversions);
        Assert.Equal("add_to_cart", Assert.Single(Server.GetReport().ByEvent, r => r.Channel == "tag").EventName);
    }

    [Fact]
    public async Task An_api_event_then_the_tag_dedups_the_tag_copy()
    {
        await Api("lead", "lead-1");
        var tag = await Tag("lead", "lead-1");

        Assert.True(tag.Json.GetProperty("deduplicated").GetBoolean());
        Assert.Equal(1, Totals.Conversions);
    }

    [Fact]
    public async Task The_same_id_under_another_event_name_is_another_conversion()
    {
        await Tag("checkout", "42");
        await Api("add_to_cart", "42");

        Assert.Equal(2, Totals.Conversions);
        Assert.Equal(0, Totals.Deduplicated);
    }

    [Fact]
    public async Task Copies_48_hours_apart_are_deduplicated_49_hours_apart_are_two_conversions()
    {
        await Tag("checkout", "order-48");
        Clock.Advance(TimeSpan.FromHours(48));
        await Api("checkout", "order-48");

        await Tag("checkout", "order-49");
        Clock.Advance(TimeSpan.FromHours(49));
        await Api("checkout", "order-49", time: Clock.UnixNow());

        var rows = Server.GetReport().ByEvent.Single(r => r.Channel == "api");
        Assert.Equal(2, rows.Processed);
        Assert.Equal(1, rows.Deduplicated);
        Assert.Equal(3, Totals.Conversions);
    }

    [Fact]
    public async Task A_retry_of_the_same_api_request_is_deduplicated()
    {
        await Api("checkout", "order-7");
        await Api("checkout", "order-7");
        await Api("checkout", "order-7");

        Assert.Equal(1, Totals.Conversions);
        Assert.Equal(2, Totals.Deduplicated);
        Assert.Equal(2, Totals.DuplicateReceipts);
    }

    [Fact]
    public async Task Duplicates_within_one_request_are_deduplicated()
    {
        var response = await Client.PostEvents(Bodies.Request(Bodies.Event(Clock.UnixNow(), id: "x"), Bodies.Event(Clock.UnixNow(), id: "x")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, Totals.Conversions);
        Assert.Equal(1, Totals.Deduplicated);
    }

    [Fact]
    public async Task Offline_events_are_never_deduplicated_but_their_duplicate_receipts_are_counted()
    {
        await Api("checkout", "store-receipt-1", source: "offline");
        await Api("checkout", "store-receipt-1", source: "offline");
        await Api("checkout", "store-receipt-1", source: "offline");

        Assert.Equal(3, Totals.Conversions);
        Assert.Equal(0, Totals.Deduplicated);
        Assert.Equal(2, Totals.DuplicateReceipts);
        Assert.Equal(3, Totals.ReportedAsOffline);
    }

    [Fact]
    public async Task An_offline_copy_neither_removes_nor_is_removed_by_a_web_copy()
    {
        await Api("checkout", "order-5", source: "offline");
        await Api("checkout", "order-5");
        await Api("checkout", "order-5", source: "offline");

        Assert.Equal(3, Totals.Conversions);
        Assert.Equal(2, Totals.DuplicateReceipts);
    }

    [Fact]
    public async Task Events_received_over_an_hour_late_are_reported_as_offline()
    {
        var now = Clock.UnixNow();
        await Api("checkout", "on-time", time: now - 3600);
        await Api("checkout", "late", time: now - 3601);

        var report = Server.GetReport();
        Assert.Equal(1, report.Totals.Late);
        Assert.Equal(1, report.Totals.ReportedAsOffline);
        var late = report.RecentEvents.Single(e => e.EventId == "late");
        Assert.True(late.Late);
        Assert.Equal("offline", late.ReportedAs);
        Assert.Equal("web", late.ActionSource);
        Assert.Equal("web", report.RecentEvents.Single(e => e.EventId == "on-time").ReportedAs);
    }

    [Fact]
    public async Task A_late_web_event_is_still_deduplicated_because_its_action_source_is_not_offline()
    {
        var happened = Clock.UnixNow();
        await Tag("checkout", "order-late", time: happened);
        Clock.Advance(TimeSpan.FromHours(3));
        await Api("checkout", "order-late", time: happened);

        Assert.Equal(1, Totals.Conversions);
        Assert.Equal(1, Totals.Late);
    }

    [Fact]
    public async Task Failed_events_take_no_part_in_deduplication()
    {
        await Client.PostEvents(Bodies.Request(Bodies.Event(Clock.UnixNow(), id: "order-f", userData: "{\"em\":[\"plain\"]}")));
        await Api("checkout", "order-f");

        Assert.Equal(1, Totals.Failed);
        Assert.Equal(1, Totals.Conversions);
        Assert.Equal(0, Totals.DuplicateReceipts);
    }

    [Fact]
    public async Task Reset_forgets_every_event_and_key()
    {
        await Api("checkout", "order-r");
        await Client.Post("sandbox/reset", "");
        await Api("checkout", "order-r");

        Assert.Equal(1, Totals.Received);
        Assert.Equal(0, Totals.Deduplicated);
    }

    [Fact]
    public async Task Tag_events_are_checked()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostTag("{\"event_name\":\"checkout\"}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostTag("{\"event_name\":\"buy_now\",\"event_id\":\"1\"}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostTag("{\"event_name\":\"checkout\",\"event_id\":\"1\",\"action_source\":\"email\"}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client.PostTag("not json")).Status);
        var future = await Client.PostTag(Bodies.Tag("checkout", "1", Clock.UnixNow() + 3600));
        Assert.Equal(HttpStatusCode.BadRequest, future.Status);
        Assert.Contains("in the future", future.Json.GetProperty("message").GetString());
        Assert.Equal(0, Totals.Received);
    }
}
