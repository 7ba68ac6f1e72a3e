using System.Text.Json;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>
/// <c>[PinterestEvent]</c> with no name and a <c>[PinterestEventName]</c> member (docs/generator.md): the name is checked at
/// run time, written (escaped) where the constant would be, shared with the Tag, and an invalid one is unsendable.
/// </summary>
public sealed class RunTimeNameTests
{
    private const string Source = """
        namespace Platform;

        [PinterestEvent(ActionSource = ActionSource.Web)]
        public partial class TenantEvent
        {
            [PinterestEventName] public string? Name { get; set; }
            [MapTo(PinterestField.EventId)] public string? Id { get; set; } = "e-1";
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; set; } = "203.0.113.7";
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; set; } = "UA/1.0";
            [MapTo(PinterestField.Value)] public decimal? Value { get; set; }
        }

        public static class Sample
        {
            public static IPinterestEvent Create(string? name) => new TenantEvent { Name = name, Value = 12.5m };
            public static IPinterestEvent[] Request(string? first, string? second) =>
                [new TenantEvent { Name = first, Id = "a" }, new TenantEvent { Name = second, Id = "b" }];
        }
        """;

    public static TheoryData<string> ValidNames => new()
    {
        "checkout",                       // standard
        "add_to_cart",                    // standard, with underscores
        "video_watched-90pct",            // advertiser-defined
        "Checkout",                       // not the standard name, but a valid advertiser-defined one
        new string('x', 100),             // the longest advertiser-defined name
    };

    public static TheoryData<string?> InvalidNames => new()
    {
        null,
        "",
        " ",
        " checkout",                      // nothing is trimmed: Pinterest matches names exactly
        "video watched",
        "vidéo",
        "a\"b",
        "</script>",
        new string('x', 101),
    };

    [Theory]
    [MemberData(nameof(ValidNames))]
    public void A_valid_name_is_written_where_the_constant_would_be(string name)
    {
        using var compiled = CompiledEvents.Compile(Source);
        var evt = compiled.Create("Platform.Sample.Create", name);

        var json = EventJson.Serialize(evt); // checked against Pinterest's request schema

        Assert.Equal(
            $$$"""{"event_name":"{{{name}}}","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"e-1","user_data":{"client_ip_address":"203.0.113.7","client_user_agent":"UA/1.0"},"custom_data":{"value":"12.5"}}""",
            json);
        Assert.Equal(name, evt.EventName);
        Assert.Equal("""{"event_id":"e-1","value":12.5}""", EventJson.TagData(evt));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void An_invalid_name_makes_the_event_unsendable_and_writes_nothing(string? name)
    {
        using var compiled = CompiledEvents.Compile(Source);
        var evt = compiled.Create("Platform.Sample.Create", name);

        var (report, json) = EventJson.Write(evt);

        Assert.False(report.IsWritten);
        Assert.Equal(PinterestUnsendableReason.InvalidEventName, report.UnsendableReason);
        Assert.Equal("", json);
        var error = Assert.Throws<PinterestEventException>(() => PinterestJson.Serialize(evt, EventJson.Context));
        Assert.Equal(PinterestUnsendableReason.InvalidEventName, error.Report.UnsendableReason);
        // The invalid value is not repeated in the message.
        if (!string.IsNullOrWhiteSpace(name)) Assert.DoesNotContain(name, error.Message, StringComparison.Ordinal);
        Assert.Equal(name ?? "", evt.EventName);
    }

    [Fact]
    public void A_request_writes_the_events_with_valid_names_and_reports_the_others()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var events = (IPinterestEvent[])compiled.Invoke("Platform.Sample.Request", "bad name", "lead")!;

        var (written, json, reports) = EventJson.WriteRequest(events); // checked against Pinterest's request schema

        Assert.Equal(1, written);
        Assert.Equal(PinterestUnsendableReason.InvalidEventName, reports[0].UnsendableReason);
        Assert.True(reports[1].IsWritten);
        using var document = JsonDocument.Parse(json);
        var only = Assert.Single(document.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("lead", only.GetProperty("event_name").GetString());
        Assert.Equal("b", only.GetProperty("event_id").GetString());
    }

    [Fact]
    public void The_name_is_read_once_per_write()
    {
        // A getter that changes its answer cannot make Prepare check one name and Write send another.
        using var compiled = CompiledEvents.Compile("""
            namespace Platform;

            [PinterestEvent]
            public partial class Flaky
            {
                private int _reads;
                [PinterestEventName] public string Name => _reads++ == 0 ? "lead" : "not valid!";
                [MapTo(PinterestField.EventId)] public string Id { get; set; } = "e-1";
                [MapTo(PinterestField.ClientIpAddress)] public string Ip { get; set; } = "203.0.113.7";
                [MapTo(PinterestField.ClientUserAgent)] public string UserAgent { get; set; } = "UA/1.0";
            }

            public static class Sample
            {
                public static IPinterestEvent Create() => new Flaky();
            }
            """);
        var evt = compiled.Create("Platform.Sample.Create");

        var (report, json) = EventJson.Write(evt);

        Assert.True(report.IsWritten);
        Assert.StartsWith("""{"event_name":"lead","action_source":"web",""", json);
    }
}
