namespace Pinterest.Conversions;

/// <summary>
/// Turns one raw value of a hashed field into what gets hashed or passed through: the order of checks every entry
/// point shares (Empty, TooLong, pre-hashed, then the field's rule).
/// </summary>
internal static class HashInput
{
    /// <summary>
    /// <see cref="PinterestHashStatus.Hashed"/>: <paramref name="destination"/> holds the normalized value to hash.
    /// <see cref="PinterestHashStatus.PassedThrough"/>: it holds the 64 lowercase hex characters to send as they are.
    /// Otherwise nothing was written and the status says why. <paramref name="destination"/> needs
    /// <see cref="Normalizer.MaxNormalizedLength"/> characters.
    /// </summary>
    internal static PinterestHashStatus Prepare(
        NormalizationRule rule, ReadOnlySpan<char> value, Hashing hashing, Span<char> destination, out int charsWritten,
        ReadOnlySpan<char> defaultPhoneCountryCode = default)
    {
        if (hashing is not (Hashing.Auto or Hashing.PreHashed))
            throw new ArgumentOutOfRangeException(nameof(hashing), hashing, "Unknown hashing mode.");
        if (!PhoneCountryCode.TryGetDigits(defaultPhoneCountryCode, out var countryCodeDigits))
            throw new ArgumentException(PhoneCountryCode.FormatMessage, nameof(defaultPhoneCountryCode));
        if (destination.Length < Normalizer.MaxNormalizedLength)
            throw new ArgumentException($"The destination must hold at least {Normalizer.MaxNormalizedLength} characters.", nameof(destination));
        return PrepareChecked(rule, value, hashing, destination, out charsWritten, countryCodeDigits);
    }

    /// <summary>
    /// <see cref="Prepare"/> once its arguments are known to be good (the hash batch checks them when they are set):
    /// every value is trimmed once and checked once.
    /// </summary>
    internal static PinterestHashStatus PrepareChecked(
        NormalizationRule rule, ReadOnlySpan<char> value, Hashing hashing, Span<char> destination, out int charsWritten,
        ReadOnlySpan<char> countryCodeDigits)
    {
        var trimmed = value.Trim();
        charsWritten = 0;
        if (trimmed.IsEmpty) return PinterestHashStatus.Empty;
        if (trimmed.Length > PinterestSchema.MaxHashedInputLength) return PinterestHashStatus.TooLong;
        if (PreHashedValue.IsSha256Hex(trimmed)) return PreHashedValue.PassThrough(rule, trimmed, destination, out charsWritten);
        if (hashing == Hashing.PreHashed) return PinterestHashStatus.Invalid; // never hash what was declared a hash

        return Normalizer.NormalizeTrimmed(rule, trimmed, destination, out charsWritten, countryCodeDigits);
    }
}
