using System.Globalization;
using System.Text;

namespace Pinterest.Conversions;

/// <summary>ct: lowercase, without whitespace or punctuation (Pinterest's words); letters of every script, their marks and digits stay.</summary>
internal static class CityNormalizer
{
    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        var written = 0;
        for (var i = 0; i < text.Length;)
        {
            // Whole code points: letters outside the BMP must keep both halves (the text has no lone surrogates here).
            Rune.DecodeFromUtf16(text[i..], out var rune, out var consumed);
            i += consumed;
            if (IsKept(Rune.GetUnicodeCategory(rune)))
                written += Rune.ToLowerInvariant(rune).EncodeToUtf16(destination[written..]);
        }
        charsWritten = written;
        return written == 0 ? PinterestHashStatus.Invalid : PinterestHashStatus.Hashed;
    }

    /// <summary>
    /// Letters, combining marks (Devanagari vowel signs and the like are part of a word) and numbers; everything else
    /// (separators, punctuation, symbols such as <c>+</c> or <c>$</c>, controls, format characters) goes.
    /// </summary>
    internal static bool IsKept(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };
}
