using System.Text;

namespace Pinterest.Conversions;

/// <summary>
/// zp (docs/normalization.md): without an ASCII letter, digits only, every digit kept (<c>700114</c> → <c>700114</c>) except a US
/// ZIP+4, nine digits, which keeps its ZIP (<c>98121-4892</c> → <c>98121</c>); with an ASCII letter (UK, Canadian, Dutch
/// postcodes, or a country prefix, which is not stripped), lowercase letters and digits only (<c>NR9 5AL</c> →
/// <c>nr95al</c>). 3 to 10 characters after normalization, else invalid.
/// </summary>
internal static class ZipNormalizer
{
    /// <summary>The digits of a US ZIP+4 (5 + 4), and the ZIP it keeps.</summary>
    internal const int ZipPlus4Digits = 9;
    internal const int ZipDigits = 5;

    /// <summary>The shortest and longest postcode kept: no postal system has fewer than 3 or more than 10 characters.</summary>
    internal const int MinLength = 3;
    internal const int MaxLength = 10;

    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        var written = ContainsAsciiLetter(text) ? WriteLettersAndDigits(text, destination) : WriteDigits(text, destination);
        if (written is < MinLength or > MaxLength) return Normalizer.Reject(out charsWritten);
        charsWritten = written;
        return PinterestHashStatus.Hashed;
    }

    private static bool ContainsAsciiLetter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (char.IsAsciiLetter(c)) return true;
        return false;
    }

    private static int WriteDigits(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
        foreach (var c in text)
        {
            var digit = UnicodeText.DecimalDigitValue(c);
            if (digit < 0) continue;
            if (written == destination.Length) return written; // far beyond MaxLength: rejected by the caller
            destination[written++] = (char)('0' + digit);
        }
        return written == ZipPlus4Digits ? ZipDigits : written;
    }

    private static int WriteLettersAndDigits(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                written += Rune.ToLowerInvariant(rune).EncodeToUtf16(destination[written..]);
            }
            else if (rune.IsBmp && UnicodeText.DecimalDigitValue((char)rune.Value) is var digit and >= 0)
            {
                destination[written++] = (char)('0' + digit);
            }
        }
        return written;
    }
}
