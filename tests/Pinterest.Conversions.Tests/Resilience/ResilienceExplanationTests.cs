using Xunit;
using S = Pinterest.Conversions.PinterestSignals;

namespace Pinterest.Conversions.Tests.Resilience;

/// <summary>The one wording of the health report (Hosting's PinterestHealthMonitor and the sandbox both use it).</summary>
public class ResilienceExplanationTests
{
    private const S IpUa = S.ClientIpAddress | S.ClientUserAgent;

    [Fact]
    public void No_event_yet()
    {
        var explanation = ResilienceExplanation.Explain(new ResilienceTally(), [EventName.Checkout]);
        Assert.Null(explanation.Assessment);
        Assert.Equal(["No API event has been processed yet."], explanation.Reasons);
        Assert.Empty(explanation.LowerFunnelTagEventsNotSent);
    }

    [Fact]
    public void Every_gap_has_its_sentence_with_counts_and_wire_names()
    {
        var tally = new ResilienceTally();
        tally.Add(IpUa | S.Email, EventName.Checkout, ActionSource.Web);
        tally.Add(S.Email, EventName.PageVisit, ActionSource.Web);
        tally.Add(IpUa, EventName.Checkout, ActionSource.Web);

        var explanation = ResilienceExplanation.Explain(tally, [EventName.PageVisit, EventName.AddToCart, EventName.Lead, EventName.AddToCart]);

        Assert.Equal(ResilienceLevel.Poor, explanation.Assessment!.Value.Level);
        Assert.Equal(
        [
            "1 of 3 web and app events lack client_ip_address or client_user_agent: Good needs both on every event that is not offline.",
            "1 of 2 checkout events carry neither em nor hashed_maids: Good needs one on every checkout.",
            "The Tag fires add_to_cart, lead but no API event of that name was processed: Good needs every lower-funnel Tag event sent through the API too.",
            "Great also needs these signals on the events: external_id, fn, ln, click_id, ph, ge, db, ct, st, zp, country.",
        ], explanation.Reasons);
        Assert.Equal([EventName.AddToCart, EventName.Lead], explanation.LowerFunnelTagEventsNotSent); // page_visit is not lower funnel
        Assert.Equal(["external_id", "fn", "ln", "click_id", "ph", "ge", "db", "ct", "st", "zp", "country"], explanation.MissingSignalKeys);
    }

    [Fact]
    public void All_met()
    {
        var tally = new ResilienceTally();
        tally.Add(~S.None, EventName.Checkout, ActionSource.Web);
        var explanation = ResilienceExplanation.Explain(tally, null);
        Assert.Equal(ResilienceLevel.Great, explanation.Assessment!.Value.Level);
        Assert.Equal(["Every Good requirement is met and every medium and low weight signal was sent."], explanation.Reasons);
        Assert.Empty(explanation.MissingSignalKeys);
    }
}
