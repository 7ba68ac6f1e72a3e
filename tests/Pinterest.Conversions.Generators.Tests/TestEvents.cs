using System.Text.Json;

namespace Pinterest.Conversions.Generators.Tests;

/// <summary>
/// A sendable event type to add members to: it maps an event_id and IP + user agent, so only the members under test
/// vary. The factory <c>Shop.Sample.Create()</c> returns <c>new Evt { ... }</c> with the given initializer.
/// </summary>
internal static class TestEvents
{
    public const string Ip = "203.0.113.7";
    public const string UserAgent = "UA/1.0";

    /// <summary>The start of every event this template writes, up to (not including) user_data.</summary>
    public const string Head = $$$"""{"event_name":"checkout","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"e-1",""";

    /// <summary>user_data as the template writes it when the test adds no user data.</summary>
    public const string UserData = "\"user_data\":{\"client_ip_address\":\"203.0.113.7\",\"client_user_agent\":\"UA/1.0\"}";

    public static string Source(string members, string initializer = "", string attribute = "EventName.Checkout", string declarations = "", string type = "record") => $$"""
        namespace Shop;

        {{declarations}}

        [PinterestEvent({{attribute}})]
        public partial {{type}} Evt
        {
            [MapTo(PinterestField.EventId)] public string? Id { get; init; } = "e-1";
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } = "{{Ip}}";
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; } = "{{UserAgent}}";
        {{members}}
        }

        public static class Sample
        {
            public static IPinterestEvent Create() => new Evt { {{initializer}} };
        }
        """;

    /// <summary>Compiles the template with <paramref name="members"/> and creates the event.</summary>
    public static (CompiledEvents Compiled, IPinterestEvent Event) Create(string members, string initializer = "", string attribute = "EventName.Checkout", string declarations = "", string type = "record")
    {
        var compiled = CompiledEvents.Compile(Source(members, initializer, attribute, declarations, type));
        return (compiled, compiled.Create("Shop.Sample.Create"));
    }

    /// <summary>The raw JSON of a top-level property (such as <c>custom_data</c>), or null when it is not written.</summary>
    public static string? Property(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetRawText() : null;
    }

    /// <summary>The names of an object's properties, in the order written.</summary>
    public static string[] PropertyNames(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
