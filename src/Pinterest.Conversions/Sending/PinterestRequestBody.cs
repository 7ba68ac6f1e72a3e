using System.Buffers;

namespace Pinterest.Conversions.Sending;

/// <summary>The request envelope, said once: <c>{"data":[</c> event objects separated by commas <c>]}</c>.</summary>
internal static class PinterestRequestBody
{
    /// <summary>Gives the UTF-8 JSON object of the event at a position of the request.</summary>
    public delegate ReadOnlySpan<byte> EventJson(int index);

    /// <summary>What opens a body, before the first event object.</summary>
    public static ReadOnlySpan<byte> Open => "{\"data\":["u8;

    /// <summary>What comes between two event objects.</summary>
    public static ReadOnlySpan<byte> Separator => ","u8;

    /// <summary>What closes a body, after the last event object.</summary>
    public static ReadOnlySpan<byte> Close => "]}"u8;

    /// <summary>Writes the body of a request of <paramref name="count"/> events already serialized.</summary>
    public static void Write(IBufferWriter<byte> body, int count, EventJson eventAt)
    {
        body.Write(Open);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) body.Write(Separator);
            body.Write(eventAt(i));
        }
        body.Write(Close);
    }
}
