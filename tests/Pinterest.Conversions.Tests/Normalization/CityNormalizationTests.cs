using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

public class CityNormalizationTests
{
    [Theory]
    [InlineData("Menlo Park", "menlopark")]
    [InlineData("San José", "sanjosé")]
    [InlineData("St. Louis", "stlouis")]
    [InlineData("Winston-Salem", "winstonsalem")]
    [InlineData("Los Angeles 90210", "losangeles90210")] // digits are neither spaces nor punctuation
    [InlineData("Москва", "москва")]
    [InlineData("北京", "北京")]
    [InlineData("कोलकाता", "कोलकाता")] // vowel signs are combining marks: they stay
    [InlineData("São Paulo", "sãopaulo")]
    [InlineData("Zürich\u200B", "zürich")] // a zero-width space is a format character: removed
    [InlineData("Sainte+Anne$", "sainteanne")]
    public void Lowercases_and_removes_spaces_and_punctuation(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.City, input));

    [Theory]
    [InlineData("...")]
    [InlineData("- / -")]
    [InlineData("😀")]
    public void Rejects_what_has_nothing_left(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.City, input));
}
