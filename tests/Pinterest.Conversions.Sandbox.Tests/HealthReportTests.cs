using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>
/// The health report: the runtime's site assessment over the API events processed and the Tag events seen (Pinterest's
/// help article: Poor, Good, Great).
/// </summary>
public sealed class HealthReportTests : SandboxTest
{
    private async Task Send(params string[] events)
    {
        var response = await Client.PostEvents(Bodies.Request(events));
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    private string Event(string id, string userData, string name = "checkout", string source = "web") =>
        Bodies.Event(Clock.UnixNow(), name, id, source, userData);

    private SandboxHealthReport Health => Server.GetReport().Health;

    [Fact]
    public void No_events_no_level()
    {
        Assert.Null(Health.Level);
        Assert.Equal(["No API event has been processed yet."], Health.Reasons);
    }

    [Fact]
    public async Task Email_ip_and_user_agent_on_every_event_is_good_and_the_reason_lists_what_great_needs()
    {
        await Send(Event("a", Bodies.WebUser), Event("b", Bodies.WebUser, name: "page_visit"));

        Assert.Equal(ResilienceLevel.Good, Health.Level);
        Assert.Equal(2, Health.ApiEvents);
        Assert.Equal(["external_id", "fn", "ln", "click_id", "ph", "ge", "db", "ct", "st", "zp", "country"], Health.MissingSignals);
        Assert.Equal(["Great also needs these signals on the events: external_id, fn, ln, click_id, ph, ge, db, ct, st, zp, country."], Health.Reasons);
    }

    [Fact]
    public async Task Every_signal_is_great()
    {
        await Send(Event("a", Bodies.FullUser), Event("b", Bodies.WebUser));

        Assert.Equal(ResilienceLevel.Great, Health.Level);
        Assert.Empty(Health.MissingSignals);
    }

    [Fact]
    public async Task One_web_event_without_user_agent_is_poor_with_the_reason()
    {
        await Send(Event("a", Bodies.FullUser), Event("b", "{" + Bodies.Email + "," + Bodies.Ip + "}"));

        Assert.Equal(ResilienceLevel.Poor, Health.Level);
        Assert.Contains("1 of 2 web and app events lack client_ip_address or client_user_agent: Good needs both on every event that is not offline.", Health.Reasons);
    }

    [Fact]
    public async Task A_checkout_without_email_or_mobile_ad_id_is_poor()
    {
        await Send(Event("a", "{" + Bodies.Ip + "," + Bodies.UserAgent + "}"));

        Assert.Equal(ResilienceLevel.Poor, Health.Level);
        Assert.Contains("1 of 1 checkout events carry neither em nor hashed_maids: Good needs one on every checkout.", Health.Reasons);
    }

    [Fact]
    public async Task An_offline_event_needs_no_ip_or_user_agent()
    {
        await Send(Event("a", Bodies.WebUser), Event("b", "{" + Bodies.Email + "}", source: "offline"));

        Assert.Equal(ResilienceLevel.Good, Health.Level);
    }

    [Fact]
    public async Task A_lower_funnel_tag_event_never_sent_through_the_api_is_poor()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.PostTag(Bodies.Tag("add_to_cart", "cart-1"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await Client.PostTag(Bodies.Tag("page_visit", "pv-1"))).Status);
        await Send(Event("a", Bodies.FullUser));

        Assert.Equal(ResilienceLevel.Poor, Health.Level);
        Assert.Equal(["add_to_cart", "page_visit"], Health.TagEvents);
        Assert.Contains("The Tag fires add_to_cart but no API event of that name was processed: Good needs every lower-funnel Tag event sent through the API too.", Health.Reasons);

        await Send(Event("b", Bodies.FullUser, name: "add_to_cart"));
        Assert.Equal(ResilienceLevel.Great, Health.Level);
    }

    [Fact]
    public async Task Failed_events_do_not_count()
    {
        await Send(Event("a", Bodies.WebUser));
        await Client.PostEvents(Bodies.Request(Event("b", "{\"em\":[\"plain\"]}")));

        Assert.Equal(1, Health.ApiEvents);
        Assert.Equal(ResilienceLevel.Good, Health.Level);
    }
}
