namespace Pinterest.Conversions;

/// <summary>db: <c>yyyyMMdd</c> from <c>yyyy-MM-dd</c>, <c>yyyy/MM/dd</c>, <c>yyyyMMdd</c> or a typed date; a real calendar date in 1800..2100.</summary>
internal static class DateOfBirthNormalizer
{
    internal const int MinYear = 1800;
    internal const int MaxYear = 2100;
    internal const int Length = 8;

    /// <summary>Parses one of the three accepted layouts; day-first and month-first orders are ambiguous and refused.</summary>
    internal static PinterestHashStatus TryNormalize(ReadOnlySpan<char> text, Span<char> destination, out int charsWritten)
    {
        if (!TryParse(text, out var year, out var month, out var day)) return Normalizer.Reject(out charsWritten);
        return TryWrite(year, month, day, destination, out charsWritten);
    }

    /// <summary>The typed path: <c>default(DateOnly)</c> counts as not set (Empty).</summary>
    internal static PinterestHashStatus TryNormalize(DateOnly date, Span<char> destination, out int charsWritten)
    {
        if (date == default)
        {
            charsWritten = 0;
            return PinterestHashStatus.Empty;
        }
        return TryWrite(date.Year, date.Month, date.Day, destination, out charsWritten);
    }

    /// <summary>A birth date is a calendar date: the date part is taken as it is, with no time-zone conversion.</summary>
    internal static DateOnly ToDate(DateTime value) => DateOnly.FromDateTime(value);

    /// <summary>A birth date is a calendar date: the offset's own date is taken, with no time-zone conversion.</summary>
    internal static DateOnly ToDate(DateTimeOffset value) => DateOnly.FromDateTime(value.DateTime);

    private static bool TryParse(ReadOnlySpan<char> text, out int year, out int month, out int day)
    {
        year = month = day = 0;
        switch (text.Length)
        {
            case 8:
                return TryDigits(text[..4], out year) && TryDigits(text.Slice(4, 2), out month) && TryDigits(text.Slice(6, 2), out day);
            case 10:
                var separator = text[4];
                return separator is '-' or '/' && text[7] == separator
                    && TryDigits(text[..4], out year) && TryDigits(text.Slice(5, 2), out month) && TryDigits(text.Slice(8, 2), out day);
            default:
                return false;
        }
    }

    // ASCII digits only: fullwidth or other-script digits are not part of the accepted layouts.
    private static bool TryDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static PinterestHashStatus TryWrite(int year, int month, int day, Span<char> destination, out int charsWritten)
    {
        if (year is < MinYear or > MaxYear || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return Normalizer.Reject(out charsWritten);
        WriteDigits(year, destination[..4]);
        WriteDigits(month, destination.Slice(4, 2));
        WriteDigits(day, destination.Slice(6, 2));
        charsWritten = Length;
        return PinterestHashStatus.Hashed;
    }

    // Written by hand: no culture or calendar can change a digit (a Thai or Hijri default calendar would change the year).
    private static void WriteDigits(int value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
