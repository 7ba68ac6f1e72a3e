using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Conversions.Testing;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests;

/// <summary>
/// Writes events the ways users do (PinterestJson and IPinterestEvent directly) with a fixed clock, and checks every
/// event object written against Pinterest's request schema.
/// </summary>
internal static class EventJson
{
    /// <summary>The test clock: 2026-01-02T03:04:05Z (a FakeTimeProvider that is never advanced).</summary>
    public static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary><see cref="Now"/> as Unix seconds, as JSON text (for constant expected strings).</summary>
    public const string NowUnix = "1767323045";

    /// <summary>SHA-256 of <c>john.doe@example.com</c>, the normalized form of <c>"  John.Doe@Example.COM "</c>.</summary>
    public const string JohnDoeEmailHash = "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f";

    public static PinterestWriteContext Context { get; } = new(new FakeTimeProvider(Now));

    /// <summary>PinterestJson.Serialize with the test clock; the result is checked against Pinterest's schema.</summary>
    public static string Serialize(IPinterestEvent evt)
    {
        var json = PinterestJson.Serialize(evt, Context);
        AssertValidRequest($$"""{"data":[{{json}}]}""");
        return json;
    }

    /// <summary>Calls WriteTo directly; returns the report and what was written (empty when nothing was).</summary>
    public static (PinterestEventReport Report, string Json) Write(IPinterestEvent evt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        PinterestEventReport report;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            report = evt.WriteTo(writer, Context);
            writer.Flush();
        }
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (report.IsWritten) AssertValidRequest($$"""{"data":[{{json}}]}""");
        else Assert.Equal("", json);
        return (report, json);
    }

    /// <summary>PinterestJson.SerializeRequest with the test clock, checked against the schema.</summary>
    public static string SerializeRequest(params IPinterestEvent[] events)
    {
        var json = PinterestJson.SerializeRequest(events, Context);
        AssertValidRequest(json);
        return json;
    }

    /// <summary>PinterestJson.WriteRequest into a buffer, with reports; checked against the schema.</summary>
    public static (int Written, string Json, PinterestEventReport[] Reports) WriteRequest(params IPinterestEvent[] events)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var reports = new PinterestEventReport[events.Length];
        var written = PinterestJson.WriteRequest(buffer, events, Context, reports);
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        AssertValidRequest(json);
        return (written, json, reports);
    }

    /// <summary>The Pinterest Tag's event data for the event.</summary>
    public static string TagData(IPinterestEvent evt)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            evt.WriteTagData(writer, Context);
        }
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        using var _ = JsonDocument.Parse(json);
        return json;
    }

    public static void AssertValidRequest(string requestJson)
    {
        var errors = TestFiles.Validate(TestFiles.PinterestRequestSchema, requestJson);
        Assert.True(errors.Count == 0, "Not valid against Pinterest's request schema:\n" + string.Join("\n", errors) + "\n" + requestJson);
    }
}
