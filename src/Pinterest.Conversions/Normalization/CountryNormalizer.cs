namespace Pinterest.Conversions;

/// <summary>
/// country: an assigned ISO 3166-1 alpha-2 code, lowercase. Names, alpha-3 codes and common aliases
/// (<c>USA</c>, <c>UK</c>, <c>Deutschland</c>) map to codes; anything else is invalid, never truncated.
/// </summary>
internal static class CountryNormalizer
{
    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        Span<char> keyBuffer = stackalloc char[PlaceNameKey.MaxLength];
        if (!PlaceNameKey.TryCreate(text, keyBuffer, out var keyLength, out var isAsciiOnly))
            return Normalizer.Reject(out charsWritten);
        ReadOnlySpan<char> key = keyBuffer[..keyLength];

        // Names and aliases first, so that "UK" (reserved, never assigned) means gb.
        if (CountryCodes.FindByName(key) is { } code) return Normalizer.Accept(code, destination, out charsWritten);
        if (key.Length == 2 && isAsciiOnly && CountryCodes.IsAssigned(key)) return Normalizer.Accept(key, destination, out charsWritten);
        return Normalizer.Reject(out charsWritten);
    }
}
