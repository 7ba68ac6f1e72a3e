using System.Globalization;

namespace Pinterest.Conversions.Serialization;

/// <summary>
/// Decimal money as UTF-8 text, exactly as <c>decimal.TryFormat</c> writes it with the invariant culture (trailing zeros
/// kept: <c>14.90m</c> is <c>14.90</c>), but by a shorter route for the usual amounts: a non-negative value whose
/// digits fit 64 bits is written as a whole number with the point put in afterwards.
/// </summary>
internal static class InvariantDecimal
{
    /// <summary>The longest text: 29 digits, a sign, a point and a leading zero.</summary>
    internal const int MaxLength = 32;

    internal static bool TryFormatUtf8(decimal value, Span<byte> destination, out int bytesWritten)
    {
        if (!TryDecompose(value, out var digits, out var scale)) // digits beyond 64 bits, or negative: the runtime's formatter
            return value.TryFormat(destination, out bytesWritten, default, CultureInfo.InvariantCulture);
        return TryFormatUtf8(digits, scale, destination, out bytesWritten);
    }

    /// <summary>A non-negative value whose digits fit 64 bits, as <paramref name="digits"/> / 10^<paramref name="scale"/>; false otherwise.</summary>
    internal static bool TryDecompose(decimal value, out ulong digits, out int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var flags = bits[3];
        scale = (flags >> 16) & 0xFF;
        digits = (ulong)(uint)bits[1] << 32 | (uint)bits[0];
        return bits[2] == 0 && flags >= 0;
    }

    /// <summary>
    /// True when <paramref name="digits"/> / 10^<paramref name="scale"/> is at most <paramref name="maximum"/> (not negative),
    /// compared in integers: the money range check without decimal arithmetic.
    /// </summary>
    internal static bool IsAtMost(ulong digits, int scale, long maximum)
    {
        if (maximum < 0) return false;
        var limit = (UInt128)(ulong)maximum;
        for (var i = 0; i < scale; i++) limit *= 10; // scale is at most 28: 10^28 × 2^63 fits 128 bits
        return digits <= limit;
    }

    /// <summary>Writes <paramref name="digits"/> / 10^<paramref name="scale"/> as invariant text, trailing zeros kept.</summary>
    internal static bool TryFormatUtf8(ulong digits, int scale, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (!digits.TryFormat(destination, out var length, default, CultureInfo.InvariantCulture)) return false;
        if (scale == 0)
        {
            bytesWritten = length;
            return true;
        }

        if (length > scale)
        {
            // 1490 with scale 2: 14.90
            if (destination.Length < length + 1) return false;
            var whole = length - scale;
            destination.Slice(whole, scale).CopyTo(destination[(whole + 1)..]);
            destination[whole] = (byte)'.';
            bytesWritten = length + 1;
            return true;
        }

        // 5 with scale 3: 0.005
        var total = 2 + scale;
        if (destination.Length < total) return false;
        destination[..length].CopyTo(destination[(total - length)..]);
        destination[0] = (byte)'0';
        destination[1] = (byte)'.';
        destination[2..(total - length)].Fill((byte)'0');
        bytesWritten = total;
        return true;
    }
}
