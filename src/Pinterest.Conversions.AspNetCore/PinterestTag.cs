using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pinterest.Conversions.AspNetCore;

/// <summary>
/// Renders the Pinterest Tag's call for an event, <c>pintrk('track', 'checkout', {...});</c>, from
/// <see cref="IPinterestEvent.WriteTagData"/>. Everything is written with the default JavaScript encoder, which escapes
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and non-ASCII characters, so the text is safe inside a script element.
/// </summary>
public static class PinterestTag
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>The Tag's name for a wire event name: the words joined, such as <c>add_to_cart</c> → <c>addtocart</c>.</summary>
    public static string TagEventName(string wireName)
    {
        if (wireName is null) throw new ArgumentNullException(nameof(wireName));
        return wireName.Replace("_", "", StringComparison.Ordinal);
    }

    /// <summary>The JavaScript statement that tracks <paramref name="evt"/> with the Tag.</summary>
    public static string RenderTrackCall(IPinterestEvent evt, PinterestWriteContext context)
    {
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        if (context is null) throw new ArgumentNullException(nameof(context));
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            evt.WriteTagData(writer, context);
        }
        var name = JavaScriptEncoder.Default.Encode(TagEventName(evt.EventName));
        return "pintrk('track', '" + name + "', " + Encoding.UTF8.GetString(buffer.WrittenSpan) + ");";
    }
}
