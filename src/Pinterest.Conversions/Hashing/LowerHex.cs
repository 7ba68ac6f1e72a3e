namespace Pinterest.Conversions;

/// <summary>Bytes as lowercase hex, as UTF-16 characters or as UTF-8 bytes, without allocating.</summary>
internal static class LowerHex
{
    private const string Digits = "0123456789abcdef";

    /// <summary>Writes <c>2 × bytes.Length</c> lowercase hex characters.</summary>
    internal static void Write(ReadOnlySpan<byte> bytes, Span<char> destination)
    {
#if NET10_0_OR_GREATER
        if (!Convert.TryToHexStringLower(bytes, destination, out _))
            throw new ArgumentException("The destination is too short for the hex text.", nameof(destination));
#else
        if (destination.Length < bytes.Length * 2)
            throw new ArgumentException("The destination is too short for the hex text.", nameof(destination));
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = Digits[bytes[i] >> 4];
            destination[2 * i + 1] = Digits[bytes[i] & 0xF];
        }
#endif
    }

    /// <summary>Writes <c>2 × bytes.Length</c> lowercase hex digits as UTF-8 (ASCII) bytes.</summary>
    internal static void WriteUtf8(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
#if NET10_0_OR_GREATER
        if (!Convert.TryToHexStringLower(bytes, destination, out _))
            throw new ArgumentException("The destination is too short for the hex text.", nameof(destination));
#else
        if (destination.Length < bytes.Length * 2)
            throw new ArgumentException("The destination is too short for the hex text.", nameof(destination));
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)Digits[bytes[i] >> 4];
            destination[2 * i + 1] = (byte)Digits[bytes[i] & 0xF];
        }
#endif
    }

    /// <summary>True when <paramref name="text"/> is hex digits only, in either case.</summary>
    internal static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(HexDigits);

    private static readonly System.Buffers.SearchValues<char> HexDigits =
        System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");
}
