using System.Text;

namespace Pinterest.Conversions;

/// <summary>ge: <c>m</c>, <c>f</c> or <c>n</c> from male/man/m, female/woman/f, non-binary/nonbinary/n in any case; nothing else.</summary>
internal static class GenderNormalizer
{
    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        var code = CodeFor(text);
        return code is null ? Normalizer.Reject(out charsWritten) : Normalizer.Accept(code, destination, out charsWritten);
    }

    private static string? CodeFor(ReadOnlySpan<char> text)
    {
        if (Is(text, "m") || Is(text, "male") || Is(text, "man")) return "m";
        if (Is(text, "f") || Is(text, "female") || Is(text, "woman")) return "f";
        if (Is(text, "n") || Is(text, "non-binary") || Is(text, "nonbinary")) return "n";
        return null;
    }

    // ASCII-only case folding: no culture, and no look-alike letters (Kelvin sign, dotless i) sneak in.
    private static bool Is(ReadOnlySpan<char> text, string word) => Ascii.EqualsIgnoreCase(text, word);
}
