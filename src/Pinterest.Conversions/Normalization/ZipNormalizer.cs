using System.Text;

namespace Pinterest.Conversions;

/// <summary>
/// zp: without letters, digits only and the first five (a US ZIP+4 becomes its ZIP: <c>98121-4892</c> → <c>98121</c>);
/// with letters (UK, Canadian, Dutch postcodes), lowercase letters and digits only (<c>NR9 5AL</c> → <c>nr95al</c>).
/// </summary>
internal static class ZipNormalizer
{
    internal const int DigitsKept = 5;

    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        var written = ContainsLetter(text) ? WriteLettersAndDigits(text, destination) : WriteFirstDigits(text, destination);
        charsWritten = written;
        return written == 0 ? PinterestHashStatus.Invalid : PinterestHashStatus.Hashed;
    }

    private static bool ContainsLetter(ReadOnlySpan<char> text)
    {
        foreach (var rune in text.EnumerateRunes())
            if (Rune.IsLetter(rune)) return true;
        return false;
    }

    private static int WriteFirstDigits(ReadOnlySpan<char> text, Span<char> destination)
    {
        var written = 0;
        foreach (var c in text)
        {
            var digit = UnicodeText.DecimalDigitValue(c);
            if (digit < 0) continue;
            destination[written++] = (char)('0' + digit);
            if (written == DigitsKept) break;
        }
        return written;
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
