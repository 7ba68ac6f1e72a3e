namespace Pinterest.Conversions;

/// <summary>em: lowercase (invariant); exactly one <c>@</c> with text on both sides; no whitespace; at most 254 characters.</summary>
internal static class EmailNormalizer
{
    /// <summary>The longest address SMTP can carry (RFC 5321 path limit less the angle brackets).</summary>
    internal const int MaxLength = 254;

    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        if (text.Length > MaxLength || !HasOneInnerAt(text) || ContainsSpaceOrControl(text))
            return Normalizer.Reject(out charsWritten);
        charsWritten = text.ToLowerInvariant(destination);
        return PinterestHashStatus.Hashed;
    }

    private static bool HasOneInnerAt(ReadOnlySpan<char> text)
    {
        var at = text.IndexOf('@');
        return at > 0 && at < text.Length - 1 && text.LastIndexOf('@') == at;
    }

    // Control characters are no more part of an address than spaces are.
    private static bool ContainsSpaceOrControl(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (char.IsWhiteSpace(c) || char.IsControl(c)) return true;
        return false;
    }
}
