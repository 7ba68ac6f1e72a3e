using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

public class PhoneNormalizationTests
{
    [Theory]
    [InlineData("+1 (616) 954-78 88", "16169547888")]
    [InlineData("0044 20 7946 0958", "442079460958")]
    [InlineData("+44 (0)20 7946 0958", "442079460958")] // "(0)" after a + country code is the trunk prefix
    [InlineData("+44 (0) 20 7946 0958", "442079460958")]
    [InlineData("(0)20 7946 0958", "2079460958")]
    [InlineData("Tel: +49 30 12345678", "493012345678")]
    [InlineData("+1-555-123-4567 ext. 123", "15551234567")]
    [InlineData("+1 555 123 4567 x89", "15551234567")]
    [InlineData("tel:+1-201-555-0123;ext=1234", "12015550123")]
    [InlineData("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", "971501234567")] // Arabic-Indic digits are digits
    [InlineData("1234567", "1234567")]
    [InlineData("123456789012345", "123456789012345")]
    public void Keeps_digits_without_leading_zeros(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Phone, input));

    [Theory]
    [InlineData("123456")] // 6 digits
    [InlineData("1234567890123456")] // 16 digits
    [InlineData("0000")]
    [InlineData("1-800-FLOWERS")] // vanity letters are not digits: 1800 is too short
    [InlineData("1-800-FLOWERS-2")] // a word between digit groups: unreadable
    [InlineData("+1 555 123 4567 or +1 555 765 4321")]
    [InlineData("no number")]
    [InlineData("++")]
    public void Rejects_what_is_not_one_phone_number(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.Phone, input));

    [Theory]
    [InlineData("(616) 954-7888", "1", "16169547888")] // 10 digits, national: the code goes in front
    [InlineData("616 954 7888", "+1", "16169547888")]
    [InlineData("1 616 954 7888", "1", "16169547888")] // 11 digits: already has it
    [InlineData("+1 616 954 7888", "1", "16169547888")]
    [InlineData("020 7946 0958", "44", "442079460958")] // a single 0 is the trunk prefix: dropped, code in front
    [InlineData("07911 123456", "44", "447911123456")]
    [InlineData("0044 20 7946 0958", "1", "442079460958")] // 00 is an international prefix: no default
    [InlineData("+33 1 42 86 83 26", "44", "33142868326")]
    [InlineData("030 12345678", "49", "493012345678")]
    public void Puts_the_default_country_code_in_front_of_national_numbers(string input, string code, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Phone, input, code));

    [Theory]
    [InlineData("0")]
    [InlineData("1234")]
    [InlineData("44a")]
    [InlineData("+")]
    public void Refuses_a_malformed_default_country_code(string code) =>
        Assert.Throws<ArgumentException>(() => Norm.Run(PinterestField.Phone, "6169547888", code));
}
