using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

/// <summary>zp (docs/normalization.md): every digit kept, except a US ZIP+4, which keeps its first five.</summary>
public class ZipNormalizationTests
{
    [Theory]
    [InlineData("98121-4892", "98121")] // a US ZIP+4 keeps its ZIP
    [InlineData("98121 4892", "98121")]
    [InlineData("981214892", "98121")]
    [InlineData("98-121-4892", "98121")] // nine digits, however they are grouped
    [InlineData("98121", "98121")]
    [InlineData("2000", "2000")] // four-digit postcodes (Australia, Switzerland, ...) stay whole
    [InlineData("1010", "1010")]
    [InlineData("700114", "700114")] // six digits (India, China, Russia, Singapore) stay whole: v3, was 70011
    [InlineData("123456789", "12345")]
    [InlineData("1234567890", "1234567890")] // ten digits: not a ZIP+4, kept
    [InlineData("１２３４５", "12345")] // fullwidth digits are digits
    [InlineData("Ö-123", "123")] // no ASCII letter: digits only
    public void Without_ascii_letters_keeps_the_digits(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Zip, input));

    [Theory]
    [InlineData("NR9 5AL", "nr95al")]
    [InlineData("K1A 0A6", "k1a0a6")]
    [InlineData("SW1A 1AA", "sw1a1aa")]
    [InlineData("1012 AB", "1012ab")]
    [InlineData("US-98121", "us98121")] // a country prefix is not stripped
    public void With_letters_keeps_lowercase_letters_and_digits(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Zip, input));

    [Theory]
    [InlineData("---")]
    [InlineData("#")]
    [InlineData("12")] // shorter than 3
    [InlineData("12345678901")] // longer than 10
    [InlineData("AB-1234567890")]
    public void Rejects_what_is_not_3_to_10_characters(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.Zip, input));
}
