using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pinterest.Conversions.Serialization;

/// <summary>One reusable <see cref="Utf8JsonWriter"/> per thread, so writing a request allocates nothing in steady state.</summary>
internal static class PinterestJsonWriterCache
{
    /// <summary>
    /// API payloads are never embedded in HTML, so the relaxed encoder keeps non-ASCII text (names, cities, user agents)
    /// readable and short. The Tag helper, which writes into HTML, uses the default encoder.
    /// </summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static Utf8JsonWriter Rent(IBufferWriter<byte> destination)
    {
        var writer = t_writer;
        if (writer is null) return new Utf8JsonWriter(destination, Options);
        t_writer = null;
        writer.Reset(destination);
        return writer;
    }

    public static void Return(Utf8JsonWriter writer)
    {
        writer.Reset();
        t_writer = writer;
    }
}
