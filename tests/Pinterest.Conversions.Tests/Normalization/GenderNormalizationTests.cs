using Xunit;
using System.Globalization;

namespace Pinterest.Conversions.Tests.Normalization;

public class GenderNormalizationTests
{
    [Theory]
    [InlineData("m", "m")]
    [InlineData("M", "m")]
    [InlineData("male", "m")]
    [InlineData(" MALE ", "m")]
    [InlineData("Man", "m")]
    [InlineData("f", "f")]
    [InlineData("Female", "f")]
    [InlineData("WOMAN", "f")]
    [InlineData("n", "n")]
    [InlineData("Non-Binary", "n")]
    [InlineData("nonbinary", "n")]
    [InlineData("N", "n")]
    public void Maps_to_m_f_or_n(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Gender, input));

    [Theory]
    [InlineData("other")]
    [InlineData("x")]
    [InlineData("m/f")]
    [InlineData("male female")]
    [InlineData("male.")]
    [InlineData("0")]
    [InlineData("boy")]
    [InlineData("non binary")]
    [InlineData("ma\u212Ae")] // Kelvin sign: not an ASCII k, and "male" has none anyway
    [InlineData("fem\u0131le")]
    public void Rejects_anything_else(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.Gender, input));

    [Fact]
    public void Turkish_culture_does_not_change_the_mapping()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal("f", Norm.Accepted(PinterestField.Gender, "FEMALE"));
            Assert.Equal("n", Norm.Accepted(PinterestField.Gender, "NONBINARY"));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
