using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

public class DateOfBirthNormalizationTests
{
    [Theory]
    [InlineData("1991-05-26", "19910526")]
    [InlineData("1991/05/26", "19910526")]
    [InlineData("19910526", "19910526")]
    [InlineData(" 2000-02-29 ", "20000229")]
    [InlineData("1800-01-01", "18000101")]
    [InlineData("2100-12-31", "21001231")]
    public void Writes_yyyyMMdd(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.DateOfBirth, input));

    [Theory]
    [InlineData("2023-02-30")]
    [InlineData("1900-02-29")] // 1900 is not a leap year
    [InlineData("1991-13-01")]
    [InlineData("1991-00-10")]
    [InlineData("1991-05-00")]
    [InlineData("1799-12-31")]
    [InlineData("2101-01-01")]
    [InlineData("1991-05/26")]
    [InlineData("1991.05.26")]
    [InlineData("01/01/1900")] // the SPEC's example layout: day and month order is ambiguous
    [InlineData("26-05-1991")]
    [InlineData("1991-5-26")]
    [InlineData("December 31, 1990")]
    [InlineData("１９９１０５２６")] // fullwidth digits
    [InlineData("1991052")]
    public void Rejects_other_layouts_and_impossible_dates(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.DateOfBirth, input));

    [Fact]
    public void Typed_dates_take_the_same_path()
    {
        Span<char> destination = stackalloc char[8];
        Assert.Equal(PinterestHashStatus.Hashed, DateOfBirthNormalizer.TryNormalize(new DateOnly(1997, 2, 16), destination, out var written));
        Assert.Equal("19970216", new string(destination[..written]));
        Assert.Equal(PinterestHashStatus.Empty, DateOfBirthNormalizer.TryNormalize(default(DateOnly), destination, out _));
        Assert.Equal(PinterestHashStatus.Invalid, DateOfBirthNormalizer.TryNormalize(new DateOnly(1700, 1, 1), destination, out _));
    }

    [Fact]
    public void DateTime_and_DateTimeOffset_keep_their_own_calendar_date()
    {
        Assert.Equal(new DateOnly(1991, 5, 26), DateOfBirthNormalizer.ToDate(new DateTime(1991, 5, 26, 23, 30, 0, DateTimeKind.Local)));
        Assert.Equal(new DateOnly(1991, 5, 26), DateOfBirthNormalizer.ToDate(new DateTimeOffset(1991, 5, 26, 23, 30, 0, TimeSpan.FromHours(-8))));
    }
}
