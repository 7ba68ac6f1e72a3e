using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>
/// Requests that do not match Pinterest's request schema are 400 code 4196 "The request was invalid." (docs/pinterest-api.md §2,
/// §3.2), with a message that names the field and never repeats a value.
/// </summary>
public sealed class RequestValidationTests : SandboxTest
{
    private string Event(string extra = "", string userData = Bodies.WebUser) => Bodies.Event(Clock.UnixNow(), userData: userData, extra: extra);

    private async Task<string> AssertInvalid(string body, string expected, string? contentType = null, string? query = null, string account = "549755885175")
    {
        var response = await Client.PostEvents(body, account: account, query: query, contentType: contentType ?? "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(4196, response.Code);
        Assert.StartsWith("The request was invalid. ", response.Message);
        Assert.Contains(expected, response.Message);
        Assert.Equal(0, Server.GetReport().Totals.Received);
        return response.Message;
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    [InlineData("{\"data\":[{}]")]
    public Task A_body_that_is_not_json_is_400(string body) => AssertInvalid(body, "The body is not valid JSON.");

    [Fact]
    public Task A_body_that_is_not_an_object_is_400() => AssertInvalid("[1,2]", "'(request body)' must be an object, not an array");

    [Fact]
    public Task Missing_data_is_400() => AssertInvalid("{}", "'data' is required");

    [Fact]
    public Task Zero_events_is_400() => AssertInvalid("{\"data\":[]}", "'data' must have at least 1 item");

    [Fact]
    public Task More_than_1000_events_is_400() =>
        AssertInvalid(Bodies.Request(Enumerable.Range(0, 1001).Select(i => Bodies.Event(Clock.UnixNow(), id: $"e{i}"))), "'data' must have at most 1000 items");

    [Fact]
    public async Task Exactly_1000_events_are_accepted()
    {
        var response = await Client.PostEvents(Bodies.Request(Enumerable.Range(0, 1000).Select(i => Bodies.Event(Clock.UnixNow(), id: $"e{i}"))));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1000, response.Events.GetProperty("num_events_processed").GetInt32());
    }

    [Theory]
    [InlineData("event_name")]
    [InlineData("action_source")]
    [InlineData("event_time")]
    [InlineData("event_id")]
    [InlineData("user_data")]
    public Task A_missing_required_field_is_400_and_named(string field)
    {
        var full = new Dictionary<string, string>
        {
            ["event_name"] = "\"checkout\"", ["action_source"] = "\"web\"", ["event_time"] = Clock.UnixNow().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["event_id"] = "\"e1\"", ["user_data"] = Bodies.WebUser,
        };
        full.Remove(field);
        var evt = "{" + string.Join(",", full.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
        return AssertInvalid(Bodies.Request(Bodies.Event(Clock.UnixNow()), evt), $"'data[1].{field}' is required");
    }

    [Theory]
    [InlineData(",\"unknown_field\":1", "'data[0].unknown_field' is not a property of this object")]
    [InlineData(",\"custom_data\":{\"value\":\"1\",\"price\":\"2\"}", "'data[0].custom_data.price' is not a property of this object")]
    [InlineData(",\"custom_data\":{\"contents\":[{\"id\":\"a\",\"sku\":\"b\"}]}", "'data[0].custom_data.contents[0].sku' is not a property of this object")]
    [InlineData(",\"device_info\":{\"os\":\"x\"}", "'data[0].device_info.os' is not a property of this object")]
    public Task An_unknown_property_is_400_where_the_schema_closes_the_object(string extra, string expected) =>
        AssertInvalid(Bodies.Request(Event(extra)), expected);

    [Fact]
    public Task An_unknown_root_property_is_400() =>
        AssertInvalid("{\"data\":[" + Event() + "],\"test\":true}", "'test' is not a property of this object");

    [Fact]
    public async Task User_data_is_open_to_unknown_keys_as_the_spec_leaves_it()
    {
        var response = await Client.PostEvents(Bodies.Request(Event(userData: "{" + Bodies.Email + ",\"np_hint\":\"x\"}")));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("\"event_time\":\"secret-value-1\"", "'data[0].event_time' must be an integer, not a string")]
    [InlineData("\"event_time\":1.5", "'data[0].event_time' must be an integer, not a number with a fraction")]
    [InlineData("\"event_id\":12", "'data[0].event_id' must be a string, not an integer")]
    [InlineData("\"opt_out\":\"yes\"", "'data[0].opt_out' must be a boolean, not a string")]
    [InlineData("\"app_id\":7", "'data[0].app_id' must be a string or null, not an integer")]
    public Task A_wrong_type_is_400_and_never_echoes_the_value(string replacement, string expected)
    {
        var key = replacement[..(replacement.IndexOf(':') + 1)];
        var evt = "{\"event_name\":\"checkout\",\"action_source\":\"web\",\"event_time\":1,\"event_id\":\"e1\",\"user_data\":" + Bodies.WebUser + ",\"opt_out\":false,\"app_id\":null}";
        var start = evt.IndexOf(key, StringComparison.Ordinal);
        var end = evt.IndexOfAny([',', '}'], start + key.Length);
        evt = evt[..start] + replacement + evt[end..];
        return AssertInvalid(Bodies.Request(evt), expected);
    }

    [Fact]
    public async Task A_wrong_type_in_user_data_is_named_and_the_value_not_repeated()
    {
        var message = await AssertInvalid(Bodies.Request(Event(userData: "{\"em\":\"jane.doe@example.com\"}")), "'data[0].user_data.em' must be an array, not a string");

        Assert.DoesNotContain("jane", message);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"fn\":[\"" + Bodies.OtherHash + "\"]}")]
    public Task User_data_without_em_maids_or_ip_and_user_agent_is_400(string userData) =>
        AssertInvalid(Bodies.Request(Event(userData: userData)), "'data[0].user_data' needs em, hashed_maids, or client_ip_address and client_user_agent");

    [Fact]
    public Task Limits_of_device_info_are_checked() =>
        AssertInvalid(Bodies.Request(Event(",\"device_info\":{\"battery_level\":101,\"form_factor\":\"phablet\"}")),
            "'data[0].device_info.battery_level' must be at most 100; 'data[0].device_info.form_factor' must be one of desktop, laptop");

    [Fact]
    public async Task Many_errors_are_summarised()
    {
        var message = await AssertInvalid(Bodies.Request(Enumerable.Range(0, 5).Select(_ => Event(",\"x\":1"))), "and 2 more.");

        Assert.Contains("'data[0].x'", message);
        Assert.DoesNotContain("'data[4].x'", message);
    }

    [Fact]
    public async Task An_integral_event_time_written_with_a_fraction_is_an_integer_for_json_schema()
    {
        var evt = Bodies.Event(Clock.UnixNow()).Replace($"\"event_time\":{Clock.UnixNow()}", $"\"event_time\":{Clock.UnixNow()}.0", StringComparison.Ordinal);

        var response = await Client.PostEvents(Bodies.Request(evt));

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public Task Numbers_beyond_any_range_are_judged_not_thrown_on() =>
        AssertInvalid(Bodies.Request(Event(",\"device_info\":{\"battery_level\":1e400,\"cpu_cores\":-1e400}")),
            "'data[0].device_info.battery_level' must be at most 100; 'data[0].device_info.cpu_cores' must be at least 0");

    [Fact]
    public async Task An_event_time_beyond_64_bits_fails_the_event()
    {
        var evt = Bodies.Event(Clock.UnixNow()).Replace($"\"event_time\":{Clock.UnixNow()}", "\"event_time\":1e400", StringComparison.Ordinal);

        var response = await Client.PostEvents(Bodies.Request(evt));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.Status);
        Assert.Equal("Invalid event_timestamp parameter. Given timestamp is not a Unix time in seconds.", response.Event(0).GetProperty("error_message").GetString());
    }

    [Fact]
    public Task A_non_json_content_type_is_400() =>
        AssertInvalid(Bodies.Request(Event()), "The body must be application/json.", contentType: "text/plain");

    [Fact]
    public Task A_test_parameter_that_is_not_boolean_is_400() =>
        AssertInvalid(Bodies.Request(Event()), "'test' must be true or false.", query: "?test=yes");

    [Theory]
    [InlineData("abc")]
    [InlineData("1234567890123456789")]
    [InlineData("12a")]
    public Task An_ad_account_id_that_is_not_1_to_18_digits_is_400(string account) =>
        AssertInvalid(Bodies.Request(Event()), "'ad_account_id' must be 1 to 18 digits.", account: account);

    [Fact]
    public async Task Another_ad_account_than_the_configured_one_is_403_code_29()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.AdAccountId = "549755885175");
        using var client = new SandboxClient(sandbox);

        var other = await client.PostEvents(Bodies.Request(Event()), account: "1");
        var own = await client.PostEvents(Bodies.Request(Event()), account: "549755885175");

        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal(29, other.Code);
        Assert.Equal(HttpStatusCode.OK, own.Status);
    }

    [Fact]
    public async Task The_spec_example_request_is_accepted()
    {
        // docs/pinterest-api.md §5.1, every value the spec's own example, with a current event_time.
        var body = $$"""
            {"data":[{"event_name":"checkout","action_source":"app_ios","event_time":{{Clock.UnixNow()}},"event_id":"eventId0001",
              "event_source_url":"https://www.my-clothing-shop.org/","opt_out":false,"partner_name":"ss-partnername",
              "user_data":{"em":["411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9c8","09831ea51bd1b7b32a836683a00a9ccaf3d05f59499f42d9883412ed79289969"],
                "hashed_maids":["0192518eb84137ccfe82c8b6322d29631dae7e28ed9d0f6dd5f245d73a58c5f1"],"client_ip_address":"216.3.128.12",
                "ph":["45df139772a81b6011bdc1c9cc3d1cb408fc0b10ec0c5cb9d4d4e107f0ddc49d"],"ge":["0d248e82c62c9386878327d491c762a002152d42ab2c391a31c44d9f62675ddf"],
                "db":["d4426a0086d10f12ad265539ae8d54221dc67786053d511407204b76e99d7739"],"ln":["7e546b3aa43f989dd359672e6c3409d4f9d4e8f155ae1e9b90ee060985468c19"],
                "fn":["ec1e6a072231703f1bc41429052fff8c00a7e0c6aaec2e7107241ca8f3ceb6b2"],"ct":["4ac01a129bfd10385c9278c2cf2c46fac5ab57350841234f587c8522a2e4ce36"],
                "st":["49a6d05b8e4b516656e464271d9dd38d0a7e0142f7f49546f4dabd2720cafc34"],"zp":["fd5f56b40a79a385708428e7b32ab996a681080a166a2206e750eb4819186145"],
                "country":["9b202ecbc6d45c6d8901d989a918878397a3eb9d00e8f48022fc051b19d21a1d"],"external_id":["6a7a73766627eb611720883d5a11cc62b5bfee237b00a6658d78c50032ec4aee"],
                "click_id":"dj0yJnU9b2JDcFFHekV4SHJNcmVrbFBkUEdqakh0akdUT1VjVVUmcD0yJm49cnNBQ3F2Q2dOVDBXWWhkWklrUGxBUSZ0PUFBQUFBR1BaY3Bv"},
              "custom_data":{"currency":"USD","value":"72.39","content_ids":["product-id-001","product-id-002"],"content_name":"pinterest-themed-clothing",
                "content_category":"shirts","content_brand":"pinterest-brand",
                "contents":[{"id":"product-id-001","item_price":"14.99","quantity":3,"item_name":"pinterest-shirt-girl","item_category":"pinterest-clothing-shirts","item_brand":"pinterest"}],
                "num_items":5,"order_id":"my_order_id","search_string":"sample string","opt_out_type":"LDP","predicted_ltv":"2794.82"},
              "app_id":"429047995","app_name":"Pinterest","app_version":"7.9","device_brand":"Apple","device_carrier":"T-Mobile","device_model":"iPhone X",
              "device_type":"iPhone","os_version":"12.1.4","wifi":false,"language":"en"}]}
            """;

        var response = await Client.PostEvents(body);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"num_events_received":1,"num_events_processed":1,"events":[{"status":"processed","error_message":"","warning_message":""}]}""", response.Body);
    }
}
