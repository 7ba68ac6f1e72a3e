namespace Pinterest.Conversions;

/// <summary>
/// The single entry point of the normalization rules (docs/normalization.md): trim, bound the length, bring to NFC,
/// then apply the field's rule. Pure and allocation-free for ASCII input.
/// </summary>
internal static class Normalizer
{
    /// <summary>
    /// The longest value any rule writes: rules never lengthen the trimmed NFC text, which is capped at the hashed-input
    /// limit, and a phone number is at most 15 digits.
    /// </summary>
    internal const int MaxNormalizedLength = PinterestSchema.MaxHashedInputLength;

    /// <summary>
    /// Normalizes <paramref name="input"/> by <paramref name="rule"/> into <paramref name="destination"/> (at least
    /// <see cref="MaxNormalizedLength"/> characters). Returns <see cref="PinterestHashStatus.Hashed"/> when the value is
    /// ready to hash, otherwise why it was dropped. Does not look for pre-hashed values (see <c>HashInput</c>).
    /// <paramref name="defaultPhoneCountryCode"/> (Phone only): digits such as <c>1</c> or <c>+44</c>, or empty.
    /// </summary>
    internal static PinterestHashStatus TryNormalize(
        NormalizationRule rule, ReadOnlySpan<char> input, Span<char> destination, out int charsWritten,
        ReadOnlySpan<char> defaultPhoneCountryCode = default)
    {
        charsWritten = 0;
        if (destination.Length < MaxNormalizedLength)
            throw new ArgumentException($"The destination must hold at least {MaxNormalizedLength} characters.", nameof(destination));
        if (!PhoneCountryCode.TryGetDigits(defaultPhoneCountryCode, out var countryCodeDigits))
            throw new ArgumentException(PhoneCountryCode.FormatMessage, nameof(defaultPhoneCountryCode));

        var text = input.Trim();
        if (text.IsEmpty) return PinterestHashStatus.Empty;
        if (text.Length > PinterestSchema.MaxHashedInputLength) return PinterestHashStatus.TooLong;
        return NormalizeTrimmed(rule, text, destination, out charsWritten, countryCodeDigits);
    }

    /// <summary>
    /// The rules after the checks every entry point makes once: <paramref name="text"/> is trimmed, not empty, within
    /// the hashed-input limit; <paramref name="destination"/> holds <see cref="MaxNormalizedLength"/> characters;
    /// <paramref name="countryCodeDigits"/> are 1 to 3 digits or empty.
    /// </summary>
    internal static PinterestHashStatus NormalizeTrimmed(
        NormalizationRule rule, ReadOnlySpan<char> text, Span<char> destination, out int charsWritten, ReadOnlySpan<char> countryCodeDigits)
    {
        charsWritten = 0;
        // ASCII (nearly every value) is NFC already and well-formed: the Unicode steps are skipped.
        var isAscii = System.Text.Ascii.IsValid(text);
        if (!isAscii && UnicodeText.IsMalformed(text)) return PinterestHashStatus.Invalid;
        Span<char> nfcBuffer = isAscii ? default : stackalloc char[UnicodeText.NfcBufferLength];
        var nfc = isAscii ? text : UnicodeText.ToNfc(text, nfcBuffer).Trim();
        if (nfc.Length > PinterestSchema.MaxHashedInputLength) return PinterestHashStatus.TooLong;

        var status = rule switch
        {
            NormalizationRule.Email => EmailNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.Phone => PhoneNormalizer.TryNormalize(nfc, countryCodeDigits, destination, out charsWritten),
            NormalizationRule.Gender => GenderNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.DateOfBirth => DateOfBirthNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.Name => LowercaseNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.City => CityNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.State => StateNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.Zip => ZipNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.Country => CountryNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.Lowercase => LowercaseNormalizer.TryNormalize(nfc, destination, out charsWritten),
            NormalizationRule.MobileAdId => MobileAdIdNormalizer.TryNormalize(nfc, destination, out charsWritten),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Only the rules of hashed fields normalize."),
        };
        if (status != PinterestHashStatus.Hashed || isAscii) return status;
        return RecomposeOutput(destination, ref charsWritten, nfcBuffer);
    }

    /// <summary>
    /// Lowercasing, or removing a character from between two combining marks, can leave text that is no longer NFC;
    /// NFC once more keeps every value in NFC, so that normalizing a normalized value changes nothing.
    /// </summary>
    private static PinterestHashStatus RecomposeOutput(Span<char> destination, ref int charsWritten, Span<char> scratch)
    {
        var output = destination[..charsWritten];
        var recomposed = UnicodeText.ToNfc(output, scratch);
        if (recomposed.Length > MaxNormalizedLength)
        {
            charsWritten = 0;
            return PinterestHashStatus.TooLong;
        }
        if (!recomposed.SequenceEqual(output))
        {
            recomposed.CopyTo(destination);
            charsWritten = recomposed.Length;
        }
        return PinterestHashStatus.Hashed;
    }

    /// <summary>Writes a value that passed its rule and reports it ready to hash.</summary>
    internal static PinterestHashStatus Accept(ReadOnlySpan<char> value, Span<char> destination, out int charsWritten)
    {
        value.CopyTo(destination);
        charsWritten = value.Length;
        return PinterestHashStatus.Hashed;
    }

    /// <summary>Reports a value that failed its rule; nothing is written.</summary>
    internal static PinterestHashStatus Reject(out int charsWritten)
    {
        charsWritten = 0;
        return PinterestHashStatus.Invalid;
    }
}
