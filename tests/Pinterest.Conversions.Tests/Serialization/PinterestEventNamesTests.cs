using Xunit;

namespace Pinterest.Conversions.Tests.Serialization;

/// <summary>The one rule for event names: a standard wire name, or an advertiser-defined name of 1 to 100 of [A-Za-z0-9_-].</summary>
public sealed class PinterestEventNamesTests
{
    [Fact]
    public void Every_standard_wire_name_is_standard_and_valid()
    {
        foreach (var name in Enum.GetValues<EventName>())
        {
            var wire = PinterestSchema.GetWireName(name)!;
            Assert.True(PinterestEventNames.IsStandard(wire), wire);
            Assert.True(PinterestEventNames.IsValid(wire), wire);
        }
    }

    [Theory]
    [InlineData("video_watched-90pct")]
    [InlineData("Checkout")]            // case matters: not the standard name, a valid advertiser-defined one
    [InlineData("A")]
    [InlineData("0-9_")]
    public void Advertiser_defined_names_are_valid_but_not_standard(string name)
    {
        Assert.False(PinterestEventNames.IsStandard(name));
        Assert.True(PinterestEventNames.IsValidAdvertiserDefined(name));
        Assert.True(PinterestEventNames.IsValid(name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" checkout")]
    [InlineData("checkout ")]
    [InlineData("video watched")]
    [InlineData("vidéo")]
    [InlineData("a.b")]
    [InlineData("a\"b")]
    [InlineData("</script>")]
    [InlineData("\u0000")]
    public void Other_text_is_invalid(string? name)
    {
        Assert.False(PinterestEventNames.IsStandard(name));
        Assert.False(PinterestEventNames.IsValid(name));
    }

    [Fact]
    public void One_hundred_characters_at_most()
    {
        Assert.Equal(100, PinterestEventNames.MaxLength);
        Assert.True(PinterestEventNames.IsValid(new string('a', 100)));
        Assert.False(PinterestEventNames.IsValid(new string('a', 101)));
    }

    [Theory]
    [InlineData("checkout", "checkout")]
    [InlineData("trial_booked", "trial_booked")]
    [InlineData("john.doe@example.com", "(invalid event name)")]
    [InlineData("", "(invalid event name)")]
    [InlineData(null, "(invalid event name)")]
    public void For_display_a_name_that_breaks_the_rule_is_never_repeated(string? name, string expected) =>
        Assert.Equal(expected, PinterestEventNames.ForDisplay(name));
}
