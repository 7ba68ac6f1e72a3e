namespace Pinterest.Conversions;

/// <summary>
/// st: a two-letter code, lowercase. A two-letter ASCII input is taken as a code (any country's); US state and
/// Canadian province names map to their codes (<c>California</c> → <c>ca</c>); anything else is invalid, never truncated.
/// </summary>
internal static class StateNormalizer
{
    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        Span<char> keyBuffer = stackalloc char[PlaceNameKey.MaxLength];
        if (!PlaceNameKey.TryCreate(text, keyBuffer, out var keyLength, out var isAsciiOnly))
            return Normalizer.Reject(out charsWritten);
        ReadOnlySpan<char> key = keyBuffer[..keyLength];

        if (key.Length == 2 && isAsciiOnly) return Normalizer.Accept(key, destination, out charsWritten);
        var code = StateCodes.FindByName(key);
        return code is null ? Normalizer.Reject(out charsWritten) : Normalizer.Accept(code, destination, out charsWritten);
    }
}
