using System.Buffers;

namespace Pinterest.Conversions.Sending;

/// <summary>The request envelope, said once: <c>{"data":[</c> event objects separated by commas <c>]}</c>.</summary>
internal static class PinterestRequestBody
{
    /// <summary>Gives the UTF-8 JSON object of the event at a position of the request.</summary>
    public delegate ReadOnlySpan<byte> EventJson(int index);

    /// <summary>Writes the body of a request of <paramref name="count"/> events already serialized.</summary>
    public static void Write(IBufferWriter<byte> body, int count, EventJson eventAt)
    {
        body.Write("{\"data\":["u8);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) body.Write(","u8);
            body.Write(eventAt(i));
        }
        body.Write("]}"u8);
    }
}
