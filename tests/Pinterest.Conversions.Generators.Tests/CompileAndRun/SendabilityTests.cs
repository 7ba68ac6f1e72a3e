using System.Text.Json;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>Events Pinterest cannot match are not written, and nothing about them leaks a personal value.</summary>
public sealed class SendabilityTests
{
    private const string Declarations = """
        namespace Shop;

        [PinterestEvent(EventName.Checkout)]
        public partial record Order
        {
            [MapTo(PinterestField.EventId)] public string? Id { get; init; } = "o-1";
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.MobileAdId)] public string? AdId { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
            [MapTo(PinterestField.ExternalId)] public string? ExternalId { get; init; }
            [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
        }
        """;

    private static CompiledEvents Compile(string factories) =>
        CompiledEvents.Compile(Declarations + "\npublic static class Sample\n{\n" + factories + "\n}");

    [Theory]
    [InlineData("Email = \"  John.Doe@Example.COM \"")]
    [InlineData("AdId = \"EA7583CD-A667-48BC-B806-42ECB2B48606\"")]
    [InlineData("Ip = \"203.0.113.7\", UserAgent = \"UA/1.0\"")]
    public void One_identity_is_enough(string initializer)
    {
        using var compiled = Compile($"public static IPinterestEvent Create() => new Order {{ {initializer} }};");
        var (report, json) = EventJson.Write(compiled.Create("Shop.Sample.Create"));
        Assert.True(report.IsWritten);
        Assert.Equal(PinterestUnsendableReason.None, report.UnsendableReason);
        Assert.StartsWith("{\"event_name\":\"checkout\"", json);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Ip = \"203.0.113.7\"")]
    [InlineData("UserAgent = \"UA/1.0\"")]
    [InlineData("Ip = \"203.0.113.7\", UserAgent = \"   \"")]
    [InlineData("Email = \"   \", Ip = \"203.0.113.7\"")]
    [InlineData("Email = \"not an email 203.0.113.7\", Ip = \"203.0.113.7\"")]
    [InlineData("Phone = \"+1 (616) 954-78 88\", ExternalId = \"user-1\", ClickId = \"click\", Ip = \"203.0.113.7\"")]
    public void Without_email_mobile_ad_id_or_ip_and_user_agent_nothing_is_written(string initializer)
    {
        using var compiled = Compile($"public static IPinterestEvent Create() => new Order {{ {initializer} }};");
        var evt = compiled.Create("Shop.Sample.Create");

        var (report, json) = EventJson.Write(evt);
        Assert.False(report.IsWritten);
        Assert.Equal(PinterestUnsendableReason.MissingUserIdentity, report.UnsendableReason);
        Assert.Equal(0, report.EventTime);
        Assert.Equal("", json);
    }

    [Fact]
    public void Invalid_email_is_dropped_and_reported()
    {
        using var compiled = Compile("public static IPinterestEvent Create() => new Order { Email = \"john.doe.example.com\", Ip = \"203.0.113.7\" };");

        var (report, _) = EventJson.Write(compiled.Create("Shop.Sample.Create"));
        Assert.Equal(PinterestUnsendableReason.MissingUserIdentity, report.UnsendableReason);
        Assert.Equal(PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.Email));
        Assert.Equal([new PinterestDroppedField(PinterestField.Email, PinterestHashStatus.Invalid)], report.DroppedFields);
    }

    [Fact]
    public void Serialize_throws_naming_the_reason_and_no_personal_value()
    {
        using var compiled = Compile("""
            public static IPinterestEvent NoIdentity() => new Order { Email = "John.Doe.Secret-Mail.example.com", Ip = "198.51.100.23", Phone = "+1 616 954 7888" };
            public static IPinterestEvent NoId() => new Order { Id = null, Email = "john.doe@secret-mail.example.com", Ip = "198.51.100.23", UserAgent = "SecretAgent/9" };
            """);

        var noIdentity = Assert.Throws<PinterestEventException>(() => PinterestJson.Serialize(compiled.Create("Shop.Sample.NoIdentity"), EventJson.Context));
        Assert.Equal(PinterestUnsendableReason.MissingUserIdentity, noIdentity.Report.UnsendableReason);
        Assert.Contains("checkout", noIdentity.Message, StringComparison.Ordinal);
        Assert.Contains("email", noIdentity.Message, StringComparison.OrdinalIgnoreCase);

        var noId = Assert.Throws<PinterestEventException>(() => PinterestJson.Serialize(compiled.Create("Shop.Sample.NoId"), EventJson.Context));
        Assert.Equal(PinterestUnsendableReason.MissingEventId, noId.Report.UnsendableReason);
        Assert.Contains("event_id", noId.Message, StringComparison.Ordinal);

        foreach (var exception in new[] { noIdentity, noId })
        {
            var text = exception.ToString() + exception.Report.ToString();
            foreach (var secret in new[] { "secret", "Secret", "198.51.100.23", "616", "7888", "SecretAgent" })
                Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Requests_hold_the_sendable_events_and_report_every_event()
    {
        using var compiled = Compile("""
            public static IPinterestEvent[] Create() =>
            [
                new Order { Id = "a", Email = "  John.Doe@Example.COM " },
                new Order { Id = "b" },
                new Order { Id = null, Ip = "203.0.113.7", UserAgent = "UA/1.0" },
                new Order { Id = "d", Ip = "203.0.113.7", UserAgent = "UA/1.0" },
            ];
            """);
        var events = (IPinterestEvent[])compiled.Invoke("Shop.Sample.Create")!;

        var expected = $$$"""{"data":[{"event_name":"checkout","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"a","user_data":{"em":["{{{EventJson.JohnDoeEmailHash}}}"]}},{"event_name":"checkout","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"d","user_data":{"client_ip_address":"203.0.113.7","client_user_agent":"UA/1.0"}}]}""";
        Assert.Equal(expected, EventJson.SerializeRequest(events));

        var (written, json, reports) = EventJson.WriteRequest(events);
        Assert.Equal(2, written);
        Assert.Equal(expected, json);
        Assert.Equal(
            [PinterestUnsendableReason.None, PinterestUnsendableReason.MissingUserIdentity, PinterestUnsendableReason.MissingEventId, PinterestUnsendableReason.None],
            reports.Select(r => r.UnsendableReason));
        Assert.All(reports.Where(r => r.IsWritten), r => Assert.Equal(long.Parse(EventJson.NowUnix, System.Globalization.CultureInfo.InvariantCulture), r.EventTime));
    }

    [Fact]
    public void A_null_event_in_a_request_is_reported_as_null_and_left_out()
    {
        using var compiled = Compile("""
            public static IPinterestEvent[] Create() => [null!, new Order { Id = "a", Email = "  John.Doe@Example.COM " }];
            """);
        var events = (IPinterestEvent[])compiled.Invoke("Shop.Sample.Create")!;

        var (written, json, reports) = EventJson.WriteRequest(events);
        Assert.Equal(1, written);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.False(reports[0].IsWritten);
        Assert.Equal(PinterestUnsendableReason.NullEvent, reports[0].UnsendableReason);
        Assert.Equal(PinterestUnsendableReason.None, reports[1].UnsendableReason);
    }

    [Fact]
    public void Report_signals_name_what_was_written()
    {
        using var compiled = Compile("""
            public static IPinterestEvent Create() => new Order { Email = "a@example.com", Ip = "203.0.113.7", UserAgent = "UA/1.0", ExternalId = "u-1", ClickId = "c" };
            """);

        var (report, _) = EventJson.Write(compiled.Create("Shop.Sample.Create"));
        foreach (var signal in new[] { PinterestSignals.Email, PinterestSignals.ClientIpAddress, PinterestSignals.ClientUserAgent, PinterestSignals.ExternalId, PinterestSignals.ClickId })
            Assert.True(report.Signals.HasFlag(signal), signal.ToString());
        Assert.False(report.Signals.HasFlag(PinterestSignals.MobileAdId));
        Assert.False(report.Signals.HasFlag(PinterestSignals.Phone));
    }
}
