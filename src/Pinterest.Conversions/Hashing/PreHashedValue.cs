namespace Pinterest.Conversions;

/// <summary>
/// Values that already are SHA-256 hashes: 64 hex characters after trimming, passed through lowercased and never hashed
/// again. The hash of the empty string is refused: it carries no signal and marks a bug upstream (other SDKs refuse it too).
/// </summary>
internal static class PreHashedValue
{
    /// <summary>SHA-256 of zero bytes.</summary>
    internal const string EmptyStringSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>True when <paramref name="trimmed"/> is exactly 64 hex characters, in either case.</summary>
    internal static bool IsSha256Hex(ReadOnlySpan<char> trimmed) => trimmed.Length == Sha256Hex.Length && LowerHex.IsHex(trimmed);

    /// <summary>
    /// Writes a 64-hex value lowercased: <see cref="PinterestHashStatus.PassedThrough"/>, or
    /// <see cref="PinterestHashStatus.Invalid"/> for the hash of the empty string, and for a mobile ad id the hash of the
    /// all-zero id (it identifies nobody either).
    /// </summary>
    internal static PinterestHashStatus PassThrough(NormalizationRule rule, ReadOnlySpan<char> hex, Span<char> destination, out int charsWritten)
    {
        if (hex.Equals(EmptyStringSha256, StringComparison.OrdinalIgnoreCase)) return Normalizer.Reject(out charsWritten);
        if (rule == NormalizationRule.MobileAdId && hex.Equals(MobileAdIdNormalizer.AllZeroIdSha256, StringComparison.OrdinalIgnoreCase))
            return Normalizer.Reject(out charsWritten);
        charsWritten = System.Text.Ascii.ToLower(hex, destination, out var written) == System.Buffers.OperationStatus.Done
            ? written
            : throw new ArgumentException("The destination is too short for a hash.", nameof(destination));
        return PinterestHashStatus.PassedThrough;
    }
}
