using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Pinterest.Conversions.Serialization;

/// <summary>
/// JSON string contents as UTF-8, escaped exactly as <see cref="System.Text.Json.Utf8JsonWriter"/> escapes them with the
/// same encoder: printable ASCII that the encoder leaves alone is narrowed in one vectorized pass (almost every value);
/// anything else goes through the encoder itself, as the writer does, so the bytes are the same by construction.
/// </summary>
internal sealed class JsonStringEscaping
{
    /// <summary>The request body's escaping: API payloads are never embedded in HTML (see PinterestJsonWriterCache).</summary>
    public static JsonStringEscaping Api { get; } = new(JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

    /// <summary>The default encoder's escaping, safe inside HTML (the Tag's event data).</summary>
    public static JsonStringEscaping Html { get; } = new(JavaScriptEncoder.Default);

    /// <summary>The most UTF-8 bytes one UTF-16 unit can become: <c>\uXXXX</c>.</summary>
    public const int MaxBytesPerChar = 6;

    private const int StackallocChars = 256;

    private readonly JavaScriptEncoder _encoder;
    private readonly SearchValues<char> _plainAscii;

    private JsonStringEscaping(JavaScriptEncoder encoder)
    {
        _encoder = encoder;
        // Taken from the encoder itself rather than written down: what it never escapes can be copied as is.
        var plain = new List<char>();
        for (var c = 0; c < 128; c++)
        {
            if (!encoder.WillEncode(c)) plain.Add((char)c);
        }
        _plainAscii = SearchValues.Create(plain.ToArray());
    }

    /// <summary>The escaping for <paramref name="encoder"/>: one of the two above, or a new one for a caller's encoder.</summary>
    public static JsonStringEscaping For(JavaScriptEncoder? encoder) =>
        encoder is null || ReferenceEquals(encoder, JavaScriptEncoder.Default) ? Html
        : ReferenceEquals(encoder, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) ? Api
        : new JsonStringEscaping(encoder);

    /// <summary>
    /// Writes <paramref name="value"/> escaped, without quotes, into <paramref name="destination"/>, which holds at
    /// least <see cref="MaxBytesPerChar"/> bytes per character; returns the bytes written.
    /// </summary>
    public int Write(ReadOnlySpan<char> value, Span<byte> destination)
    {
        var special = value.IndexOfAnyExcept(_plainAscii);
        if (special < 0)
        {
            Ascii.FromUtf16(value, destination, out var narrowed);
            return narrowed;
        }
        Ascii.FromUtf16(value[..special], destination, out var written);
        return written + WriteFromEncoder(value[special..], destination[written..]);
    }

    private unsafe int WriteFromEncoder(ReadOnlySpan<char> value, Span<byte> destination)
    {
        int first;
        fixed (char* text = value) first = _encoder.FindFirstCharacterToEncode(text, value.Length);
        if (first < 0) return ToUtf8(value, destination);

        // As the writer does: the encoder escapes from the first character that needs it, then all is UTF-8.
        var written = ToUtf8(value[..first], destination);
        var rest = value[first..];
        var maxEscaped = rest.Length * MaxBytesPerChar;
        char[]? rented = null;
        var escaped = maxEscaped <= StackallocChars ? stackalloc char[StackallocChars] : (rented = ArrayPool<char>.Shared.Rent(maxEscaped));
        try
        {
            _encoder.Encode(rest, escaped, out _, out var escapedLength, isFinalBlock: true);
            return written + ToUtf8(escaped[..escapedLength], destination[written..]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static int ToUtf8(ReadOnlySpan<char> value, Span<byte> destination)
    {
        // Lone surrogates are escaped by the encoder before they get here; replacing is a guard, not a path.
        Utf8.FromUtf16(value, destination, out _, out var written, replaceInvalidSequences: true);
        return written;
    }
}
