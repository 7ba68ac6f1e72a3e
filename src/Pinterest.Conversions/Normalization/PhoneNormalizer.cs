namespace Pinterest.Conversions;

/// <summary>
/// ph: digits only with the country code and no leading zeros (Pinterest: "Remove any symbols, letters, spaces and
/// leading zeros"); 7 to 15 digits (E.164 allows 15). With a default country code, a national number gets it in front.
/// </summary>
internal static class PhoneNormalizer
{
    internal const int MinDigits = 7;
    internal const int MaxDigits = 15;

    /// <summary>More digits than any number plus prefixes can have: scanning stops being useful long before.</summary>
    private const int MaxScannedDigits = 64;

    internal static PinterestHashStatus TryNormalize(
        ReadOnlySpan<char> text, ReadOnlySpan<char> countryCodeDigits, Span<char> destination, out int charsWritten)
    {
        Span<char> digits = stackalloc char[MaxScannedDigits];
        if (!TryCollectDigits(text, digits, out var count, out var hasPlus)) return Normalizer.Reject(out charsWritten);
        ReadOnlySpan<char> number = digits[..count];

        var hasInternationalPrefix = hasPlus || number.StartsWith("00");
        var hasTrunkPrefix = number[0] == '0';
        var prependCountryCode = !countryCodeDigits.IsEmpty && !hasInternationalPrefix
            && (hasTrunkPrefix || number.Length <= 10);
        if (prependCountryCode && hasTrunkPrefix)
            number = number[1..]; // a single leading 0 is the national trunk prefix, not part of the number

        var written = 0;
        if (prependCountryCode)
        {
            countryCodeDigits.CopyTo(destination);
            written = countryCodeDigits.Length;
        }
        number.CopyTo(destination[written..]);
        written += number.Length;

        // Drop leading zeros: this also removes a 00 international prefix.
        var significant = destination[..written].TrimStart('0');
        if (significant.Length is < MinDigits or > MaxDigits) return Normalizer.Reject(out charsWritten);
        significant.CopyTo(destination);
        charsWritten = significant.Length;
        return PinterestHashStatus.Hashed;
    }

    /// <summary>
    /// Collects the number's digits. Words before the first digit ("Tel:", "call me at") are ignored, and so is a
    /// <c>(0)</c> after the country code of a <c>+</c> number; an extension
    /// ("ext", "x", <c>#</c>, <c>;</c>) ends the number; a word between two groups of digits (a vanity number such as
    /// 1-800-FLOWERS-1, or two numbers) makes it unreadable.
    /// </summary>
    private static bool TryCollectDigits(ReadOnlySpan<char> text, Span<char> digits, out int count, out bool hasPlus)
    {
        count = 0;
        hasPlus = false;
        var wordAfterDigits = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (hasPlus && count > 0 && text[i..].StartsWith("(0)"))
            {
                i += 2; // "+44 (0)20 ...": the trunk prefix in parentheses is not dialled from abroad
                continue;
            }
            var digit = UnicodeText.DecimalDigitValue(c);
            if (digit >= 0)
            {
                if (wordAfterDigits || count == digits.Length) return false;
                digits[count++] = (char)('0' + digit);
            }
            else if (c == '+')
            {
                if (count == 0) hasPlus = true;
            }
            else if (char.IsLetter(c))
            {
                var end = i + 1;
                while (end < text.Length && char.IsLetter(text[end])) end++;
                if (count > 0)
                {
                    if (IsExtensionMarker(text[i..end])) break;
                    wordAfterDigits = true;
                }
                i = end - 1;
            }
            else if (c is '#' or ';' && count > 0)
            {
                break;
            }
        }
        return count > 0;
    }

    private static bool IsExtensionMarker(ReadOnlySpan<char> word) =>
        System.Text.Ascii.EqualsIgnoreCase(word, "x") || System.Text.Ascii.EqualsIgnoreCase(word, "ext")
        || System.Text.Ascii.EqualsIgnoreCase(word, "extn") || System.Text.Ascii.EqualsIgnoreCase(word, "extension");
}

/// <summary>The default phone country code setting: 1 to 3 digits, not starting with 0, optionally after <c>+</c>.</summary>
internal static class PhoneCountryCode
{
    internal const string FormatMessage = "A default phone country code is 1 to 3 digits, optionally after '+', such as \"1\" or \"+44\".";

    /// <summary>True for an empty code (none) or a well-formed one, whose digits are returned without the <c>+</c>.</summary>
    internal static bool TryGetDigits(ReadOnlySpan<char> code, out ReadOnlySpan<char> digits)
    {
        digits = code.Length > 0 && code[0] == '+' ? code[1..] : code;
        if (code.IsEmpty) return true;
        if (digits.Length is < 1 or > 3 || digits[0] == '0') return false;
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
