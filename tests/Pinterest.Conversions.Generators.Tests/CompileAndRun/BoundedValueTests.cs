using System.Text.Json;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>
/// Values bounded at the edge (issue #13; docs/generator.md, "Values checked at run time"), each a clear per-event report and never a silent change: an IP
/// that is not IPv4 or IPv6, a default event time, an event_id over 256 characters, too many content ids or line items,
/// negative quantities, money Pinterest cannot take.
/// </summary>
public sealed class BoundedValueTests
{
    [Theory]
    [InlineData("203.0.113.7")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:192.0.2.1")]
    [InlineData("  10.0.0.1 ")]
    public void An_ip_address_is_written(string ip)
    {
        var (compiled, evt) = TestEvents.Create("", $"Ip = \"{ip}\"");
        using var _ = compiled;
        var (report, json) = EventJson.Write(evt);
        Assert.True(report.IsWritten);
        Assert.Null(report.GetDropReason(PinterestField.ClientIpAddress));
        Assert.Contains($"\"client_ip_address\":\"{ip.Trim()}\"", json);
    }

    [Theory]
    [InlineData("6.6.6.6.6")]
    [InlineData("999.1.1.1")]
    [InlineData("01.2.3.4")]
    [InlineData("203.0.113.7:443")]
    [InlineData("[2001:db8::1]")]
    [InlineData("2001:db8::1::2")]
    [InlineData("fe80::1%eth0")]
    [InlineData("1")]
    [InlineData("localhost")]
    [InlineData("</script>")]
    public void An_ip_that_is_not_IPv4_or_IPv6_is_dropped_and_reported_and_counts_for_nothing(string ip)
    {
        var (compiled, evt) = TestEvents.Create("[MapTo(PinterestField.Email)] public string? Email { get; init; }", $"Ip = \"{ip}\"");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        // IP + user agent was the only identity: without a valid IP the event cannot be sent, and the report says why.
        Assert.False(report.IsWritten);
        Assert.Equal(PinterestUnsendableReason.MissingUserIdentity, report.UnsendableReason);
        Assert.Equal(PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.ClientIpAddress));
        Assert.Equal("", json);
    }

    [Fact]
    public void An_invalid_ip_beside_an_email_is_dropped_and_the_event_sent()
    {
        var (compiled, evt) = TestEvents.Create("[MapTo(PinterestField.Email)] public string? Email { get; init; }", "Ip = \"not an ip\", Email = \"a@b.c\"");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        Assert.True(report.IsWritten);
        Assert.Equal(PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.ClientIpAddress));
        Assert.DoesNotContain("client_ip_address", json);
        Assert.DoesNotContain("not an ip", json);
    }

    [Theory]
    [InlineData("DateTimeOffset", "default")]
    [InlineData("DateTime", "default")]
    [InlineData("long", "0L")]
    [InlineData("DateTimeOffset?", "default(DateTimeOffset)")]
    [InlineData("long?", "0L")]
    public void A_default_event_time_makes_the_event_unsendable(string type, string value)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.EventTime)] public {type} At {{ get; init; }}", $"At = {value}");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        Assert.False(report.IsWritten);
        Assert.Equal(PinterestUnsendableReason.EventTimeMissing, report.UnsendableReason);
        Assert.Equal("", json);
        var error = Assert.Throws<PinterestEventException>(() => PinterestJson.Serialize(evt));
        Assert.Contains("EventTimeMissing", error.Message);
    }

    [Theory]
    [InlineData(256, true)]
    [InlineData(257, false)]
    [InlineData(1_000_000, false)]
    public void An_event_id_over_256_characters_makes_the_event_unsendable(int length, bool written)
    {
        var (compiled, evt) = TestEvents.Create("", $"Id = new string('i', {length})");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        Assert.Equal(written, report.IsWritten);
        Assert.Equal(written ? PinterestUnsendableReason.None : PinterestUnsendableReason.EventIdTooLong, report.UnsendableReason);
        if (written) Assert.Contains(new string('i', 256), json);
        else Assert.Equal("", json);
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void More_than_100_content_ids_drop_the_field_whole(int count, bool kept)
    {
        var (compiled, evt) = TestEvents.Create(
            "[MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];",
            $"Skus = System.Linq.Enumerable.Range(0, {count}).Select(i => \"sku-\" + i).Append(\"sku-0\").ToArray()");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        Assert.True(report.IsWritten); // the event still goes; the field is reported
        Assert.Equal(kept ? null : PinterestHashStatus.TooLong, report.GetDropReason(PinterestField.ContentIds));
        Assert.Equal(kept, json.Contains("content_ids", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Line[]", "ToArray()", 100, true)]
    [InlineData("Line[]", "ToArray()", 101, false)]
    [InlineData("List<Line>", "ToList()", 101, false)]
    [InlineData("IReadOnlyList<Line>", "ToList()", 101, false)]
    [InlineData("IEnumerable<Line>", "ToList()", 101, false)]
    [InlineData("IEnumerable<Line>", "ToList()", 100, true)]
    public void More_than_100_line_items_drop_the_field_whole(string type, string materialize, int count, bool kept)
    {
        var (compiled, evt) = TestEvents.Create(
            $"[MapTo(PinterestField.Contents)] public {type}? Lines {{ get; init; }}",
            $"Lines = System.Linq.Enumerable.Range(0, {count}).Select(i => new Line(\"sku-\" + i, 1)).Append(null!).{materialize}",
            declarations: "public sealed record Line([property: MapTo(PinterestField.ItemId)] string Id, [property: MapTo(PinterestField.Quantity)] int Quantity);");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        Assert.True(report.IsWritten);
        Assert.Equal(kept ? null : PinterestHashStatus.TooLong, report.GetDropReason(PinterestField.Contents));
        if (kept) Assert.Equal(count, Contents(json).GetArrayLength());
        else Assert.DoesNotContain("contents", json);
    }

    [Theory]
    [InlineData("Quantity = -1", PinterestField.Quantity)]
    [InlineData("NumItems = -3", PinterestField.NumItems)]
    public void Negative_quantities_and_num_items_are_dropped_as_invalid(string initializer, PinterestField field)
    {
        var (compiled, evt) = TestEvents.Create(
            "[MapTo(PinterestField.NumItems)] public int NumItems { get; init; } = 1;\n[MapTo(PinterestField.Contents)] public Line[] Lines { get; init; } = [];",
            initializer.StartsWith("Quantity", StringComparison.Ordinal) ? "Lines = [new Line(\"sku-1\", -1)]" : initializer,
            declarations: "public sealed record Line([property: MapTo(PinterestField.ItemId)] string Id, [property: MapTo(PinterestField.Quantity)] int Quantity);");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        Assert.True(report.IsWritten);
        Assert.Equal(PinterestHashStatus.Invalid, report.GetDropReason(field));
        Assert.DoesNotContain(":-", json);
    }

    [Theory]
    [InlineData("decimal", "-0.01m", false)]
    [InlineData("decimal", "1000000000000000m", true)]
    [InlineData("decimal", "1000000000000000.01m", false)]
    [InlineData("decimal", "79228162514264337593543950335m", false)]
    [InlineData("double", "-0.5", false)]
    [InlineData("double", "1e300", false)]
    [InlineData("float", "-1f", false)]
    [InlineData("long", "-1L", false)]
    [InlineData("long", "long.MaxValue", false)]
    [InlineData("int", "0", true)]
    public void Money_Pinterest_cannot_take_is_dropped_as_invalid(string type, string value, bool kept)
    {
        var (compiled, evt) = TestEvents.Create($"[MapTo(PinterestField.Value)] public {type} Total {{ get; init; }}", $"Total = {value}");
        using var _ = compiled;

        var (report, json) = EventJson.Write(evt);

        Assert.True(report.IsWritten);
        Assert.Equal(kept ? null : PinterestHashStatus.Invalid, report.GetDropReason(PinterestField.Value));
        Assert.Equal(kept, json.Contains("\"value\"", StringComparison.Ordinal));
    }

    private static JsonElement Contents(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("custom_data").GetProperty("contents").Clone();
    }
}
