namespace Pinterest.Conversions;

/// <summary>
/// hashed_maids: lowercase (invariant). An id made only of zeros and dashes is what a device with ad tracking limited
/// reports (<c>00000000-0000-0000-0000-000000000000</c>): it identifies nobody, so it is invalid, and so is its SHA-256.
/// </summary>
internal static class MobileAdIdNormalizer
{
    /// <summary>SHA-256 of the all-zero IDFA/GAID, refused as a pre-hashed value.</summary>
    internal const string AllZeroIdSha256 = "12b9377cbe7e5c94e8a70d9d23929523d14afa954793130f8a3959c7b849aca8";

    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        if (IsAllZero(text)) return Normalizer.Reject(out charsWritten);
        return LowercaseNormalizer.TryNormalize(text, destination, out charsWritten);
    }

    /// <summary>True for an id of only <c>0</c> and <c>-</c> (the limited-ad-tracking id, in any length).</summary>
    internal static bool IsAllZero(ReadOnlySpan<char> text) => text.IndexOfAnyExcept('0', '-') < 0;
}
