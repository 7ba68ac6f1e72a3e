using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

/// <summary>fn, ln (Name) and external_id (Lowercase): invariant lowercase, every script kept.</summary>
public class NameNormalizationTests
{
    [Theory]
    [InlineData(" Renée ", "renée")]
    [InlineData("JOHN", "john")]
    [InlineData("Mary Ann", "mary ann")] // Pinterest asks for lowercase only: inner spaces stay
    [InlineData("O'Connor", "o'connor")]
    [InlineData("ÉLODIE", "élodie")]
    [InlineData("Владимир", "владимир")]
    [InlineData("ΣΩΚΡΆΤΗΣ", "σωκράτησ")] // invariant simple case mapping: no final-sigma context rule
    [InlineData("李明", "李明")]
    [InlineData("정", "정")]
    [InlineData("\U00010400", "\U00010428")] // Deseret: a letter outside the BMP is lowercased whole
    public void Lowercases_letters_of_every_script(string input, string expected)
    {
        Assert.Equal(expected, Norm.Accepted(PinterestField.FirstName, input));
        Assert.Equal(expected, Norm.Accepted(PinterestField.ExternalId, input));
    }

    [Fact]
    public void External_ids_and_ad_ids_are_lowercased_only()
    {
        Assert.Equal("ea7583cd-a667-48bc-b806-42ecb2b48606", Norm.Accepted(PinterestField.ExternalId, "EA7583CD-A667-48BC-B806-42ECB2B48606"));
        Assert.Equal("user 42", Norm.Accepted(PinterestField.ExternalId, "  USER 42  "));
    }
}
