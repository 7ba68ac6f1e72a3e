namespace Pinterest.Conversions;

/// <summary>
/// fn, ln (Name) and external_id (Lowercase): lowercase with the invariant culture, so the current
/// culture (Turkish dotted and dotless I) never changes a hash; letters of every script are kept as they are.
/// </summary>
internal static class LowercaseNormalizer
{
    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        charsWritten = text.ToLowerInvariant(destination);
        return PinterestHashStatus.Hashed;
    }
}
