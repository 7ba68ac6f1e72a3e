using Xunit;
using S = Pinterest.Conversions.PinterestSignals;

namespace Pinterest.Conversions.Tests.Resilience;

/// <summary>
/// The rules of the help article's "Resilience levels" section, one test per rule. Quotes are from the article.
/// </summary>
public class PinterestResilienceTests
{
    private const S IpUa = S.ClientIpAddress | S.ClientUserAgent;
    private const S AllMediumAndLow = S.ExternalId | S.FirstName | S.LastName | S.ClickId | S.Phone | S.Gender
        | S.DateOfBirth | S.City | S.State | S.Zip | S.Country;

    [Fact]
    public void Weights_come_from_the_schema()
    {
        Assert.Equal(S.Email | S.MobileAdId | IpUa, PinterestResilience.HighSignals);
        Assert.Equal(AllMediumAndLow, PinterestResilience.MediumAndLowSignals);
    }

    // "Poor ... an advertiser has IP/UA coverage < 100% of all events"
    [Theory]
    [InlineData(S.Email)]
    [InlineData(S.Email | S.ClientIpAddress)]
    [InlineData(S.Email | S.ClientUserAgent)]
    public void Web_event_without_both_IP_and_user_agent_is_Poor(S signals)
    {
        var a = PinterestResilience.AssessEvent(signals | AllMediumAndLow, EventName.PageVisit, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Poor, a.Level);
        Assert.Equal(ResilienceGaps.IpAndUserAgentMissing, a.Gaps);
    }

    [Fact]
    public void Offline_event_needs_no_IP_and_user_agent()
    {
        var a = PinterestResilience.AssessEvent(S.Email | AllMediumAndLow, EventName.Checkout, ActionSource.Offline);
        Assert.Equal(ResilienceLevel.Great, a.Level);
    }

    // "Poor ... an email or Mobile App ID is not shared in checkout events"
    [Fact]
    public void Checkout_without_email_or_mobile_ad_id_is_Poor()
    {
        var a = PinterestResilience.AssessEvent(IpUa | AllMediumAndLow, EventName.Checkout, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Poor, a.Level);
        Assert.Equal(ResilienceGaps.CheckoutWithoutEmailOrMobileAdId, a.Gaps);
    }

    [Theory]
    [InlineData(S.Email)]
    [InlineData(S.MobileAdId)]
    public void Checkout_with_email_or_mobile_ad_id_and_IP_UA_is_at_least_Good(S id)
    {
        Assert.Equal(ResilienceLevel.Good, PinterestResilience.AssessEvent(IpUa | id, EventName.Checkout, ActionSource.Web).Level);
    }

    [Fact]
    public void Non_checkout_event_needs_no_email()
    {
        Assert.Equal(ResilienceLevel.Good, PinterestResilience.AssessEvent(IpUa, EventName.AddToCart, ActionSource.Web).Level);
    }

    // "Great ... meets all of the Good/Fair requirements and also sends all of the medium and low priority ids."
    [Fact]
    public void Good_plus_every_medium_and_low_signal_is_Great()
    {
        var a = PinterestResilience.AssessEvent(IpUa | S.Email | AllMediumAndLow, EventName.Checkout, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Great, a.Level);
        Assert.Equal(ResilienceGaps.None, a.Gaps);
        Assert.Equal(S.None, a.MissingSignals);
    }

    [Fact]
    public void Good_lists_the_missing_medium_and_low_signals()
    {
        var a = PinterestResilience.AssessEvent(IpUa | S.Email | (AllMediumAndLow & ~(S.Zip | S.ClickId)), EventName.Checkout, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Good, a.Level);
        Assert.Equal(S.Zip | S.ClickId, a.MissingSignals);
    }

    // "fn+ln Medium": the two names are one signal.
    [Fact]
    public void First_name_without_last_name_lists_both()
    {
        var a = PinterestResilience.AssessEvent(IpUa | S.Email | (AllMediumAndLow & ~S.LastName), EventName.Checkout, ActionSource.Web);
        Assert.Equal(S.FirstName | S.LastName, a.MissingSignals);
    }

    [Fact]
    public void Poor_keeps_listing_missing_signals_too()
    {
        var a = PinterestResilience.AssessEvent(S.None, EventName.Checkout, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Poor, a.Level);
        Assert.Equal(ResilienceGaps.IpAndUserAgentMissing | ResilienceGaps.CheckoutWithoutEmailOrMobileAdId | ResilienceGaps.MediumOrLowSignalsMissing, a.Gaps);
        Assert.Equal(AllMediumAndLow, a.MissingSignals);
    }

    // Site level: "IP/UA coverage < 100% of all events" is a share, not a per-event verdict.
    [Fact]
    public void Site_with_one_web_event_in_a_thousand_without_IP_UA_is_Poor()
    {
        var tally = new ResilienceTally();
        for (var i = 0; i < 999; i++) tally.Add(IpUa | S.Email, EventName.PageVisit, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Good, PinterestResilience.AssessSite(tally).Level);
        tally.Add(S.Email, EventName.PageVisit, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Poor, PinterestResilience.AssessSite(tally).Level);
        Assert.Equal(1000, tally.OnlineEvents);
        Assert.Equal(999, tally.OnlineEventsWithIpAndUserAgent);
    }

    [Fact]
    public void Site_checkout_share_must_be_complete()
    {
        var tally = new ResilienceTally();
        tally.Add(IpUa | S.MobileAdId, EventName.Checkout, ActionSource.AppIos);
        tally.Add(IpUa, EventName.Checkout, ActionSource.Web);
        var a = PinterestResilience.AssessSite(tally);
        Assert.Equal(ResilienceLevel.Poor, a.Level);
        Assert.True(a.Gaps.HasFlag(ResilienceGaps.CheckoutWithoutEmailOrMobileAdId));
    }

    // "an advertiser has the Pinterest tag implemented, but they are not sending all of the lower funnel tag events
    // (add to cart, checkout, lead or signup) to the API."
    [Fact]
    public void Site_firing_a_lower_funnel_Tag_event_not_sent_through_the_API_is_Poor()
    {
        var tally = new ResilienceTally();
        tally.Add(IpUa | S.Email, EventName.Checkout, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Good, PinterestResilience.AssessSite(tally, [EventName.Checkout, EventName.PageVisit]).Level);

        var a = PinterestResilience.AssessSite(tally, [EventName.Checkout, EventName.AddToCart]);
        Assert.Equal(ResilienceLevel.Poor, a.Level);
        Assert.Equal(ResilienceGaps.LowerFunnelTagEventsNotSent | ResilienceGaps.MediumOrLowSignalsMissing, a.Gaps);
    }

    [Fact]
    public void Site_without_a_Tag_has_no_lower_funnel_rule()
    {
        var tally = new ResilienceTally();
        tally.Add(IpUa | S.Email | AllMediumAndLow, EventName.PageVisit, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Great, PinterestResilience.AssessSite(tally).Level);
    }

    [Fact]
    public void Site_Great_needs_every_medium_and_low_signal_somewhere()
    {
        var tally = new ResilienceTally();
        tally.Add(IpUa | S.Email | S.ExternalId | S.FirstName | S.LastName, EventName.Checkout, ActionSource.Web);
        tally.Add(IpUa | S.Email | (AllMediumAndLow & ~(S.ExternalId | S.FirstName | S.LastName)), EventName.Checkout, ActionSource.Web);
        Assert.Equal(ResilienceLevel.Great, PinterestResilience.AssessSite(tally).Level);
        Assert.True(tally.HasSent(EventName.Checkout));
        Assert.False(tally.HasSent(EventName.Lead));
    }

    [Fact]
    public void Empty_site_is_Good_at_most()
    {
        // Nothing sent: no coverage rule fails, but no signal was sent either.
        var a = PinterestResilience.AssessSite(new ResilienceTally());
        Assert.Equal(ResilienceLevel.Good, a.Level);
        Assert.Equal(AllMediumAndLow, a.MissingSignals);
    }
}
