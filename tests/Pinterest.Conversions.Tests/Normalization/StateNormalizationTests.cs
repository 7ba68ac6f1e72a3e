using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

public class StateNormalizationTests
{
    [Theory]
    [InlineData("California", "ca")]
    [InlineData("CA", "ca")]
    [InlineData("ca", "ca")]
    [InlineData("  CALIFORNIA.  ", "ca")]
    [InlineData("North   Carolina", "nc")]
    [InlineData("new york", "ny")]
    [InlineData("N.Y.", "ny")]
    [InlineData("Washington", "wa")]
    [InlineData("Washington, D.C.", "dc")]
    [InlineData("District of Columbia", "dc")]
    [InlineData("Georgia", "ga")]
    [InlineData("Hawaiʻi", "hi")]
    [InlineData("Puerto Rico", "pr")]
    [InlineData("Québec", "qc")]
    [InlineData("Quebec", "qc")]
    [InlineData("Newfoundland & Labrador", "nl")]
    [InlineData("Prince Edward Island", "pe")]
    [InlineData("British Columbia", "bc")]
    [InlineData("WB", "wb")] // any two-letter code is taken as a code (West Bengal)
    [InlineData("NSW", null)]
    public void Maps_names_to_codes_and_takes_two_letter_codes(string input, string? expected)
    {
        if (expected is null) Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.State, input));
        else Assert.Equal(expected, Norm.Accepted(PinterestField.State, input));
    }

    [Theory]
    [InlineData("Carolina")] // not a state: never truncated to "ca"
    [InlineData("Tex.")]
    [InlineData("Calif")]
    [InlineData("unknown")]
    [InlineData("CaliforniaUSA")]
    [InlineData("123")]
    [InlineData("C4")]
    [InlineData("CA 94025")]
    [InlineData("ÇA")] // two letters, but not ASCII: not a code
    [InlineData("Москва")]
    [InlineData("C")]
    [InlineData("&")]
    public void Rejects_anything_else(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.State, input));

    [Fact]
    public void Table_covers_50_states_DC_5_territories_and_13_provinces()
    {
        var codes = StateCodes.Entries.Select(e => e.Code).ToArray();
        Assert.Equal(50 + 1 + 5 + 13, codes.Distinct().Count());
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z]{2}$", code));
        Assert.Empty(StateCodes.Names.Conflicts);
    }

    [Fact]
    public void Every_name_in_the_table_normalizes_to_its_code()
    {
        foreach (var (code, names) in StateCodes.Entries)
            foreach (var name in names)
                Assert.Equal(code, Norm.Accepted(PinterestField.State, name));
    }
}
