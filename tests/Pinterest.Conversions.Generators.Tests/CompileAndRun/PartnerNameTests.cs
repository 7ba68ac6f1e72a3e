using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>The context's default partner_name: written on events whose type does not map PartnerName, never over a mapping.</summary>
public sealed class PartnerNameTests
{
    private const string Source = """
        namespace Platform;

        [PinterestEvent(EventName.Checkout)]
        public partial record Unmapped
        {
            [MapTo(PinterestField.EventId)] public string? Id { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        }

        [PinterestEvent(EventName.Lead)]
        public partial record Mapped
        {
            [MapTo(PinterestField.EventId)] public string? Id { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.PartnerName)] public string? Partner { get; init; }
        }

        public static class Sample
        {
            public static IPinterestEvent Unmapped() => new Unmapped { Id = "u-1", Email = "a@example.com" };
            public static IPinterestEvent MappedWith() => new Mapped { Id = "m-1", Email = "a@example.com", Partner = "ss-own" };
            public static IPinterestEvent MappedNull() => new Mapped { Id = "m-2", Email = "a@example.com" };
        }
        """;

    private static readonly PinterestWriteContext s_withDefault = new(new FakeTimeProvider(EventJson.Now)) { DefaultPartnerName = "  ss-platform " };

    [Fact]
    public void An_unmapped_type_gets_the_default_at_the_top_level_after_event_id()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var json = PinterestJson.Serialize(compiled.Create("Platform.Sample.Unmapped"), s_withDefault);
        EventJson.AssertValidRequest($$"""{"data":[{{json}}]}""");
        Assert.StartsWith($$"""{"event_name":"checkout","action_source":"web","event_time":{{EventJson.NowUnix}},"event_id":"u-1","partner_name":"ss-platform","user_data":{""", json);
    }

    [Fact]
    public void A_mapped_partner_name_wins_and_a_mapped_null_stays_absent()
    {
        using var compiled = CompiledEvents.Compile(Source);
        Assert.Equal("\"ss-own\"", TestEvents.Property(PinterestJson.Serialize(compiled.Create("Platform.Sample.MappedWith"), s_withDefault), "partner_name"));
        Assert.Null(TestEvents.Property(PinterestJson.Serialize(compiled.Create("Platform.Sample.MappedNull"), s_withDefault), "partner_name"));
    }

    [Fact]
    public void Without_a_default_nothing_is_written_and_the_tag_data_never_carries_it()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var evt = compiled.Create("Platform.Sample.Unmapped");
        Assert.Null(TestEvents.Property(EventJson.Serialize(evt), "partner_name"));

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) evt.WriteTagData(writer, s_withDefault);
        Assert.DoesNotContain("partner", Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_of_many_events_writes_it_on_each_unmapped_one()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var events = new[] { compiled.Create("Platform.Sample.Unmapped"), compiled.Create("Platform.Sample.MappedWith"), compiled.Create("Platform.Sample.Unmapped") };
        var json = PinterestJson.SerializeRequest(events, s_withDefault);
        EventJson.AssertValidRequest(json);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["ss-platform", "ss-own", "ss-platform"], document.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("partner_name").GetString()));
    }

    [Theory]
    [InlineData("control")]
    [InlineData("long")]
    public void An_invalid_default_is_refused_by_the_context_and_the_client_options(string kind)
    {
        var name = kind == "control" ? "ss-\u0001bad" : "ss-" + new string('a', PinterestWriteContext.MaxPartnerNameLength - 2); // 101
        Assert.Throws<ArgumentException>(() => new PinterestWriteContext(TimeProvider.System) { DefaultPartnerName = name });
        var options = new PinterestConversionsClientOptions { DefaultPartnerName = name };
        Assert.Contains(options.GetValidationErrors(), e => e.StartsWith("DefaultPartnerName", StringComparison.Ordinal));
    }
}
