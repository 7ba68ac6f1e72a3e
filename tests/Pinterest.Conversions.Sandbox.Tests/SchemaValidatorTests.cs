using System.Text.Json;
using Pinterest.Conversions.Sandbox.Validation;
using Pinterest.Conversions.Testing;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>
/// The sandbox's validator gives the same verdict as a full JSON Schema validator (JsonSchema.Net) on Pinterest's request
/// schema, over valid and invalid requests; and the embedded schema is the repository's file.
/// </summary>
public sealed class SchemaValidatorTests
{
    private const string User = Bodies.WebUser;

    private static string Evt(string body) => "{\"data\":[{\"event_name\":\"checkout\",\"action_source\":\"web\",\"event_time\":1,\"event_id\":\"e\"" + body + "}]}";

    public static TheoryData<string> Documents => new()
    {
        Evt(",\"user_data\":" + User),
        Evt(",\"user_data\":{\"em\":[]}"),
        Evt(",\"user_data\":{\"hashed_maids\":[\"x\"]}"),
        Evt(",\"user_data\":{\"client_ip_address\":\"1\",\"client_user_agent\":\"2\"}"),
        Evt(",\"user_data\":{\"client_ip_address\":\"1\"}"),
        Evt(",\"user_data\":{}"),
        Evt(",\"user_data\":[]"),
        Evt(",\"user_data\":{\"em\":\"x\"}"),
        Evt(",\"user_data\":{\"em\":[1]}"),
        Evt(",\"user_data\":{\"em\":[\"a\"],\"click_id\":null,\"partner_id\":null}"),
        Evt(",\"user_data\":{\"em\":[\"a\"],\"client_ip_address\":null}"),
        Evt(",\"user_data\":{\"em\":[\"a\"],\"anything\":{\"nested\":true}}"),
        Evt(",\"user_data\":" + User + ",\"extra\":1"),
        Evt(",\"user_data\":" + User + ",\"custom_data\":{\"value\":\"1.5\",\"num_items\":2,\"contents\":[{\"quantity\":1.0}]}"),
        Evt(",\"user_data\":" + User + ",\"custom_data\":{\"value\":1.5}"),
        Evt(",\"user_data\":" + User + ",\"custom_data\":{\"num_items\":2.5}"),
        Evt(",\"user_data\":" + User + ",\"custom_data\":{\"contents\":{}}"),
        Evt(",\"user_data\":" + User + ",\"custom_data\":null"),
        Evt(",\"user_data\":" + User + ",\"app_info\":{\"app_id\":\"" + new string('a', 200) + "\",\"window_height\":30720}"),
        Evt(",\"user_data\":" + User + ",\"app_info\":{\"app_id\":\"" + new string('a', 201) + "\"}"),
        Evt(",\"user_data\":" + User + ",\"app_info\":{\"install_time\":-1}"),
        Evt(",\"user_data\":" + User + ",\"device_info\":{\"timezone_abbr\":\"😀😀😀😀😀\"}"),
        Evt(",\"user_data\":" + User + ",\"device_info\":{\"timezone_abbr\":\"😀😀😀😀😀😀\"}"),
        Evt(",\"user_data\":" + User + ",\"device_info\":{\"os_family\":\"ios\",\"network_type\":\"5g\"}"),
        Evt(",\"user_data\":" + User + ",\"device_info\":{\"languages\":[\"en\",1]}"),
        Evt(",\"user_data\":" + User + ",\"wifi\":null"),
        Evt(",\"user_data\":" + User + ",\"language\":null,\"event_source_url\":null"),
        "{\"data\":[{\"event_name\":\"checkout\",\"action_source\":\"web\",\"event_time\":1e3,\"event_id\":\"e\",\"user_data\":" + User + "}]}",
        "{\"data\":[{\"event_name\":null,\"action_source\":\"web\",\"event_time\":1,\"event_id\":\"e\",\"user_data\":" + User + "}]}",
        "{\"data\":[{\"action_source\":\"web\",\"event_time\":1,\"event_id\":\"e\",\"user_data\":" + User + "}]}",
        "{\"data\":[]}",
        "{\"data\":{}}",
        "{\"data\":[1]}",
        "{}",
        "[]",
        "\"text\"",
        "null",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Same_verdict_as_JsonSchema_Net(string json)
    {
        using var document = JsonDocument.Parse(json);

        var expected = TestFiles.Validate(TestFiles.PinterestRequestSchema, json).Count == 0;
        var errors = SchemaValidator.Validate(RequestSchema.Root, document.RootElement);

        Assert.Equal(expected, errors.Count == 0);
    }

    [Fact]
    public void The_embedded_schema_is_the_repository_file()
    {
        Assert.Equal(TestFiles.ReadSchema("pinterest/openapi-conversion-events.schema.json"), RequestSchema.ReadText());
    }

    [Fact]
    public void A_keyword_the_validator_does_not_know_fails_the_compile()
    {
        using var document = JsonDocument.Parse("""{"type":"object","patternProperties":{"^x":{}}}""");

        var error = Assert.Throws<NotSupportedException>(() => SchemaNode.Compile(document.RootElement));

        Assert.Contains("patternProperties", error.Message);
    }

    [Fact]
    public void Paths_are_readable_and_long_unknown_names_are_cut()
    {
        var longName = new string('k', 100);
        using var document = JsonDocument.Parse(Evt(",\"user_data\":" + User + ",\"" + longName + "\":1"));

        var error = Assert.Single(SchemaValidator.Validate(RequestSchema.Root, document.RootElement));

        Assert.Equal($"'data[0].{new string('k', 64)}…' is not a property of this object", error.Message);
    }
}
