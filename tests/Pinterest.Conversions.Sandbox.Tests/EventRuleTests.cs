using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>
/// Per-event rules: a request whose events all pass is 200; when any fails it is 422 code 953 with every event in
/// <c>details</c>, in order (docs/pinterest-api.md §3.1, §3.2); warnings leave an event processed (docs/pinterest-api.md §5.3).
/// </summary>
public sealed class EventRuleTests : SandboxTest
{
    private protected override void Configure(PinterestSandboxOptions o)
    {
        o.AdvertiserDefinedEvents = ["loyalty_signup", "Quote-Request"];
        o.FutureEventTimeTolerance = TimeSpan.FromSeconds(60);
    }

    private string Event(string name = "checkout", string id = "e1", string source = "web", string userData = Bodies.WebUser, long? time = null) =>
        Bodies.Event(time ?? Clock.UnixNow(), name, id, source, userData);

    [Fact]
    public async Task Valid_events_are_200_with_empty_messages()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(id: "a"), Event(id: "b", userData: Bodies.FullUser)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"num_events_received":2,"num_events_processed":2,"events":[{"status":"processed","error_message":"","warning_message":""},{"status":"processed","error_message":"","warning_message":""}]}""", response.Body);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("x-pinterest-rid").Single()));
    }

    [Fact]
    public async Task A_plain_email_fails_the_event_with_422_and_is_not_repeated()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(userData: "{\"em\":[\"jane.doe@example.com\"]}")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal(953, response.Code);
        Assert.Equal("The action could not be processed properly due to some or all data provided being invalid.", response.Message);
        Assert.Equal("failed", response.Event(0).GetProperty("status").GetString());
        Assert.Equal("'em' is not in sha256 hashed format", response.Event(0).GetProperty("error_message").GetString());
        Assert.DoesNotContain("jane", response.Body);
    }

    [Theory]
    [InlineData("{\"hashed_maids\":[\"EA7583CD-A667-48BC-B806-42ECB2B48606\"]}", "'hashed_maids' is not in sha256 hashed format")]
    [InlineData("{" + Bodies.Email + ",\"ph\":[\"+1 616 954 7888\"]}", "'ph' is not in sha256 hashed format")]
    [InlineData("{\"em\":[\"" + Bodies.EmailHash + "\",\"abc\"]}", "'em' is not in sha256 hashed format")]
    [InlineData("{\"em\":[\"" + Bodies.EmailHash + "0\"]}", "'em' is not in sha256 hashed format")]
    public async Task Em_hashed_maids_and_ph_must_be_sha256(string userData, string message)
    {
        var response = await Client.PostEvents(Bodies.Request(Event(userData: userData)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal(message, response.Event(0).GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Uppercase_hex_counts_as_a_hash()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(userData: "{\"em\":[\"" + Bodies.EmailHash.ToUpperInvariant() + "\"]}")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Other_hashed_fields_that_are_not_hashes_are_processed_with_a_warning()
    {
        var userData = "{" + Bodies.Email + ",\"external_id\":[\"customer-42\"],\"fn\":[\"Jane\"],\"country\":[\"" + Bodies.OtherHash + "\"]}";

        var response = await Client.PostEvents(Bodies.Request(Event(userData: userData)));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var evt = response.Event(0);
        Assert.Equal("processed", evt.GetProperty("status").GetString());
        Assert.Equal("", evt.GetProperty("error_message").GetString());
        Assert.Equal("'fn' is not in sha256 hashed format; 'external_id' is not in sha256 hashed format", evt.GetProperty("warning_message").GetString());
        Assert.DoesNotContain("Jane", response.Body);
        Assert.DoesNotContain("customer-42", response.Body);
    }

    [Fact]
    public async Task A_partly_failed_batch_is_422_with_every_event_in_order_and_the_good_ones_recorded()
    {
        var response = await Client.PostEvents(Bodies.Request(
            Event(id: "ok-1"), Event(id: "bad", name: "not_an_event"), Event(id: "ok-2")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal(3, response.Events.GetProperty("num_events_received").GetInt32());
        Assert.Equal(2, response.Events.GetProperty("num_events_processed").GetInt32());
        Assert.Equal(["processed", "failed", "processed"], response.Events.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("'event_name' is neither a standard event name nor an advertiser-defined event of this ad account",
            response.Event(1).GetProperty("error_message").GetString());

        var totals = Server.GetReport().Totals;
        Assert.Equal(3, totals.Received);
        Assert.Equal(2, totals.Processed);
        Assert.Equal(1, totals.Failed);
        Assert.Equal(2, totals.Conversions);
    }

    [Fact]
    public async Task All_22_standard_event_names_are_accepted()
    {
        string[] names =
        [
            "add_payment_info", "add_to_cart", "add_to_wishlist", "app_install", "app_open", "checkout", "contact", "custom",
            "customize_product", "find_location", "initiate_checkout", "lead", "page_visit", "schedule", "search", "signup",
            "start_trial", "submit_application", "subscribe", "view_category", "view_content", "watch_video",
        ];

        var response = await Client.PostEvents(Bodies.Request(names.Select((n, i) => Event(name: n, id: $"e{i}"))));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(22, response.Events.GetProperty("num_events_processed").GetInt32());
    }

    [Theory]
    [InlineData("loyalty_signup", HttpStatusCode.OK)]
    [InlineData("Quote-Request", HttpStatusCode.OK)]
    [InlineData("quote-request", HttpStatusCode.UnprocessableEntity)] // "must match the defined names exactly" (docs/pinterest-api.md §4.7)
    [InlineData("Checkout", HttpStatusCode.UnprocessableEntity)]
    [InlineData("purchase", HttpStatusCode.UnprocessableEntity)]
    public async Task Advertiser_defined_names_are_accepted_only_as_configured(string name, HttpStatusCode expected)
    {
        var response = await Client.PostEvents(Bodies.Request(Event(name: name)));

        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task An_unknown_action_source_fails_the_event()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(source: "email")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("'action_source' must be one of web, app_android, app_ios, offline", response.Event(0).GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task An_event_time_in_the_future_beyond_the_tolerance_fails()
    {
        var now = Clock.UnixNow();

        var response = await Client.PostEvents(Bodies.Request(Event(id: "skewed", time: now + 60), Event(id: "future", time: now + 61)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("processed", response.Event(0).GetProperty("status").GetString());
        Assert.Equal($"Invalid event_timestamp parameter. Given timestamp is in the future. Current timestamp: {now}, Given event_timestamp: {now + 61}",
            response.Event(1).GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Old_events_fail_only_when_a_maximum_age_is_configured()
    {
        var now = Clock.UnixNow();
        var old = now - (long)TimeSpan.FromDays(8).TotalSeconds;
        await using var strict = await Sandboxes.Start(Clock, o => o.MaxEventAge = TimeSpan.FromDays(7));
        using var strictClient = new SandboxClient(strict);

        var lenient = await Client.PostEvents(Bodies.Request(Event(time: old)));
        var rejected = await strictClient.PostEvents(Bodies.Request(Event(time: old)));

        Assert.Equal(HttpStatusCode.OK, lenient.Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.Status);
        Assert.Equal($"Invalid event_timestamp parameter. Given timestamp is in the past. Current timestamp: {now}, Given event_timestamp: {old}",
            rejected.Event(0).GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Identity_keys_without_a_value_fail_the_event()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(userData: "{\"em\":[],\"client_ip_address\":\"216.3.128.12\",\"client_user_agent\":\"\"}")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("'user_data' needs a value in em, hashed_maids, or both client_ip_address and client_user_agent",
            response.Event(0).GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Ip_and_user_agent_alone_are_enough()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(userData: "{" + Bodies.Ip + "," + Bodies.UserAgent + "}")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task An_empty_event_id_fails_the_event()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(id: "")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("'event_id' must not be empty", response.Event(0).GetProperty("error_message").GetString());
    }

    [Fact]
    public async Task Several_problems_of_one_event_are_all_named()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(name: "nope", userData: "{\"em\":[\"plain\"],\"fn\":[\"plain\"]}")));

        var evt = response.Event(0);
        Assert.Contains("'event_name' is neither", evt.GetProperty("error_message").GetString());
        Assert.Contains("'em' is not in sha256 hashed format", evt.GetProperty("error_message").GetString());
        Assert.Equal("'fn' is not in sha256 hashed format", evt.GetProperty("warning_message").GetString());
    }
}
