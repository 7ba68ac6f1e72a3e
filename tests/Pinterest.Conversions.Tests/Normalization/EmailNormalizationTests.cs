using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

public class EmailNormalizationTests
{
    [Theory]
    [InlineData("Test@Example.com", "test@example.com")]
    [InlineData("\tTEST@EXAMPLE.COM\n", "test@example.com")]
    [InlineData("a@b", "a@b")] // the rule asks for text on both sides, nothing more
    [InlineData("user.name+tag@domain.co.uk", "user.name+tag@domain.co.uk")]
    [InlineData("JOSÉ@EXAMPLE.COM", "josé@example.com")]
    public void Lowercases_a_well_formed_address(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Email, input));

    [Theory]
    [InlineData("invalid-email")]
    [InlineData("@example.com")]
    [InlineData("test@")]
    [InlineData("a@b@c.d")]
    [InlineData("test @example.com")]
    [InlineData("test@exam\u00A0ple.com")]
    [InlineData("test@exa\u0001mple.com")]
    [InlineData("@")]
    public void Rejects_what_is_not_one_address(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.Email, input));

    [Fact]
    public void Allows_254_characters_and_no_more()
    {
        var longest = new string('a', 64) + "@" + new string('b', 189);
        Assert.Equal(254, longest.Length);
        Assert.Equal(PinterestHashStatus.Hashed, Norm.StatusOf(PinterestField.Email, longest));
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.Email, longest + "c"));
    }
}
