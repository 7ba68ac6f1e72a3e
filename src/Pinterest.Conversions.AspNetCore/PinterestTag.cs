using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pinterest.Conversions.AspNetCore;

/// <summary>
/// Renders the Pinterest Tag's call for an event, <c>pintrk('track', 'checkout', {...});</c>, from
/// <see cref="IPinterestEvent.WriteTagData"/>. Everything is written with the default JavaScript encoder, which escapes
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and non-ASCII characters, so the text is safe inside a script element.
/// An event whose Tag data carries <c>opt_out_type</c> (Limited Data Processing) is preceded by
/// <c>pintrk('set', {"opt_out_type":"LDP"});</c>, where Pinterest's Tag documentation sets it.
/// </summary>
public static class PinterestTag
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.Default };

    private static ReadOnlySpan<byte> OptOutType => "opt_out_type"u8;

    /// <summary>The Tag's name for a wire event name: the words joined, such as <c>add_to_cart</c> → <c>addtocart</c>.</summary>
    public static string TagEventName(string wireName)
    {
        if (wireName is null) throw new ArgumentNullException(nameof(wireName));
        return wireName.Replace("_", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// The JavaScript that tracks <paramref name="evt"/> with the Tag: the track call, after a set call for
    /// <c>opt_out_type</c> when the event data carries one. Empty when the event's name (chosen at run time) is not
    /// valid (<see cref="PinterestEventNames.IsValid"/>): the API does not send such an event either, and a tenant's
    /// setting must not break the page.
    /// </summary>
    public static string RenderTrackCall(IPinterestEvent evt, PinterestWriteContext context)
    {
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        if (context is null) throw new ArgumentNullException(nameof(context));
        // A name chosen at run time that is not valid makes the API event unsendable; the Tag does not send it either.
        if (!PinterestEventNames.IsValid(evt.EventName)) return string.Empty;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            evt.WriteTagData(writer, context);
        }
        var data = buffer.WrittenSpan;
        var name = JavaScriptEncoder.Default.Encode(TagEventName(evt.EventName));
        var track = "pintrk('track', '" + name + "', " + Encoding.UTF8.GetString(data) + ");";
        // The value is copied as WriteTagData escaped it, with the same encoder: it stays data.
        return FindOptOutType(data) is { } optOutType
            ? "pintrk('set', {\"opt_out_type\":\"" + Encoding.UTF8.GetString(optOutType) + "\"}); " + track
            : track;
    }

    /// <summary>The escaped text of the event data's top-level <c>opt_out_type</c>, or null when it has none.</summary>
    private static byte[]? FindOptOutType(ReadOnlySpan<byte> data)
    {
        var reader = new Utf8JsonReader(data);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isOptOutType = reader.ValueTextEquals(OptOutType);
            reader.Read();
            if (isOptOutType && reader.TokenType == JsonTokenType.String) return reader.ValueSpan.ToArray();
            reader.Skip();
        }
        return null;
    }
}
