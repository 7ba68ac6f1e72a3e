using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

public class ZipNormalizationTests
{
    [Theory]
    [InlineData("98121-4892", "98121")]
    [InlineData("98121", "98121")]
    [InlineData("981214892", "98121")]
    [InlineData("98-121-4892", "98121")]
    [InlineData("2000", "2000")] // four-digit postcodes (Australia, Switzerland, ...) stay whole
    [InlineData("700114", "70011")] // the contract's rule: first five digits (see docs/normalization.md)
    [InlineData("１２３４５", "12345")] // fullwidth digits are digits
    public void Without_letters_keeps_the_first_five_digits(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Zip, input));

    [Theory]
    [InlineData("NR9 5AL", "nr95al")]
    [InlineData("K1A 0A6", "k1a0a6")]
    [InlineData("SW1A 1AA", "sw1a1aa")]
    [InlineData("1012 AB", "1012ab")]
    [InlineData("Ö-123", "ö123")]
    public void With_letters_keeps_lowercase_letters_and_digits(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Zip, input));

    [Theory]
    [InlineData("---")]
    [InlineData("#")]
    public void Rejects_what_has_nothing_left(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.Zip, input));
}
