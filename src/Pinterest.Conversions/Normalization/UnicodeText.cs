using System.Text;

namespace Pinterest.Conversions;

/// <summary>The step every rule starts from: well-formed UTF-16 in Unicode NFC, so that equal text hashes equally.</summary>
internal static class UnicodeText
{
    /// <summary>NFC can lengthen UTF-16 text at most threefold (UAX #15, "Stream-Safe Text Format" expansion factors).</summary>
    internal const int MaxNfcExpansion = 3;

    /// <summary>Room for the NFC form of any input within the hashed-input limit.</summary>
    internal const int NfcBufferLength = PinterestSchema.MaxHashedInputLength * MaxNfcExpansion;

    /// <summary>
    /// True for text that is not well-formed Unicode: a high surrogate without its low half, a low surrogate alone
    /// (neither has a UTF-8 form), or U+FFFE, the byte-swapped BOM that marks mis-decoded text (and that the
    /// runtime's normalization refuses).
    /// </summary>
    internal static bool IsMalformed(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\uFFFE') return true;
            if (!char.IsSurrogate(c)) continue;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// Brings well-formed <paramref name="text"/> to NFC. Returns the text itself when it already is NFC (always the
    /// case for ASCII), else its NFC form written to <paramref name="buffer"/> (at least three times the text's length).
    /// </summary>
    internal static ReadOnlySpan<char> ToNfc(ReadOnlySpan<char> text, Span<char> buffer)
    {
        if (IsKnownNfc(text)) return text;
#if NET10_0_OR_GREATER
        if (text.IsNormalized(NormalizationForm.FormC)) return text;
        if (!text.TryNormalize(buffer, out var written, NormalizationForm.FormC))
            throw new InvalidOperationException("The NFC buffer is too small."); // unreachable: NFC expands at most threefold
        return buffer[..written];
#else
        // .NET 8 has no span normalization API: non-Latin text that is not already NFC allocates here (docs/normalization.md).
        var source = new string(text);
        if (source.IsNormalized(NormalizationForm.FormC)) return text;
        var nfc = source.Normalize(NormalizationForm.FormC);
        nfc.AsSpan().CopyTo(buffer);
        return buffer[..nfc.Length];
#endif
    }

    /// <summary>
    /// A cheap, allocation-free proof of NFC: every character below U+0300 is a starter that NFC leaves alone and that
    /// no following character in that range composes with.
    /// </summary>
    private static bool IsKnownNfc(ReadOnlySpan<char> text)
    {
        // A plain loop: MemoryExtensions.ContainsAnyInRange allocates on .NET 10 for char (measured).
        foreach (var c in text)
            if (c >= '\u0300') return false;
        return true;
    }

    /// <summary>The decimal value of a digit of any script (Arabic-Indic, Devanagari, fullwidth ...), or -1.</summary>
    internal static int DecimalDigitValue(char c)
    {
        if (char.IsAsciiDigit(c)) return c - '0';
        return c >= 128 && char.IsDigit(c) ? System.Globalization.CharUnicodeInfo.GetDecimalDigitValue(c) : -1;
    }
}
