using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

public class CountryNormalizationTests
{
    [Theory]
    [InlineData("US", "us")]
    [InlineData("us", "us")]
    [InlineData("U.S.", "us")]
    [InlineData("USA", "us")]
    [InlineData("U.S.A.", "us")]
    [InlineData("United States", "us")]
    [InlineData("United States of America", "us")]
    [InlineData("  united   states  ", "us")]
    [InlineData("United Kingdom", "gb")]
    [InlineData("UK", "gb")]
    [InlineData("U.K.", "gb")]
    [InlineData("Great Britain", "gb")]
    [InlineData("GBR", "gb")]
    [InlineData("Germany", "de")]
    [InlineData("Deutschland", "de")]
    [InlineData("France", "fr")]
    [InlineData("Canada", "ca")]
    [InlineData("The Netherlands", "nl")]
    [InlineData("Holland", "nl")]
    [InlineData("The Bahamas", "bs")]
    [InlineData("Côte d'Ivoire", "ci")]
    [InlineData("Cote d’Ivoire", "ci")]
    [InlineData("Ivory Coast", "ci")]
    [InlineData("Trinidad & Tobago", "tt")]
    [InlineData("St. Lucia", "lc")]
    [InlineData("Saint Kitts and Nevis", "kn")]
    [InlineData("South Korea", "kr")]
    [InlineData("Korea, Republic of", "kr")]
    [InlineData("North Korea", "kp")]
    [InlineData("Georgia", "ge")]
    [InlineData("Türkiye", "tr")]
    [InlineData("Turkey", "tr")]
    [InlineData("Czech Republic", "cz")]
    [InlineData("Viet Nam", "vn")]
    [InlineData("Vietnam", "vn")]
    [InlineData("Åland Islands", "ax")]
    [InlineData("Curaçao", "cw")]
    [InlineData("Réunion", "re")]
    [InlineData("Congo", "cg")]
    [InlineData("DR Congo", "cd")]
    [InlineData("Democratic Republic of the Congo", "cd")]
    [InlineData("AQ", "aq")]
    [InlineData("IN", "in")]
    [InlineData("US!", "us")]
    public void Maps_codes_names_and_aliases_to_alpha_2(string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(PinterestField.Country, input));

    [Theory]
    [InlineData("XX")] // not assigned
    [InlineData("XK")] // user-assigned (Kosovo), not an ISO code
    [InlineData("EU")] // exceptionally reserved
    [InlineData("UU")]
    [InlineData("Ger.")]
    [InlineData("Japão")]
    [InlineData("Korea")] // ambiguous: not guessed
    [InlineData("Unite States")]
    [InlineData("123")]
    [InlineData("U5")]
    [InlineData("Россия")]
    [InlineData("&")]
    [InlineData("*****UU*****")]
    public void Rejects_anything_else(string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(PinterestField.Country, input));

    [Fact]
    public void Table_holds_every_assigned_alpha_2_code_once()
    {
        var codes = CountryCodes.Entries.Select(e => e.Code).ToArray();
        Assert.Equal(CountryCodes.AssignedCount, codes.Length);
        Assert.Equal(codes.Length, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-z]{2}$", code));
        foreach (var code in new[] { "ad", "gb", "us", "ss", "sx", "bq", "cw", "mf", "bl", "eh", "ps", "tw", "aq", "um", "zw" })
            Assert.Contains(code, codes);
        foreach (var code in new[] { "uk", "eu", "xk", "an", "yu", "cs", "tp", "zr" })
            Assert.DoesNotContain(code, codes);
    }

    [Fact]
    public void Every_code_name_and_alias_normalizes_to_its_code()
    {
        Assert.Empty(CountryCodes.Names.Conflicts);
        foreach (var (code, names) in CountryCodes.Entries)
        {
            Assert.Equal(code, Norm.Accepted(PinterestField.Country, code.ToUpperInvariant()));
            foreach (var name in names)
                Assert.Equal(code, Norm.Accepted(PinterestField.Country, name));
        }
    }

    [Fact]
    public void Two_letter_keys_are_found_by_index_exactly_when_the_index_holds_them()
    {
        foreach (var index in new[] { CountryCodes.Names, StateCodes.Names })
        {
            var keys = index.Keys.ToHashSet(StringComparer.Ordinal);
            for (var first = 'a'; first <= 'z'; first++)
            {
                for (var second = 'a'; second <= 'z'; second++)
                {
                    var key = new string([first, second]);
                    Assert.Equal(keys.Contains(key), index.Find(key) is not null);
                }
            }
            Assert.Null(index.Find("A1")); // not a key's shape: no match, no out-of-range index
            Assert.Null(index.Find("{{"));
        }
    }

    [Fact]
    public void No_two_letter_alias_shadows_an_assigned_code()
    {
        var assigned = CountryCodes.Entries.Select(e => e.Code).ToHashSet();
        foreach (var key in CountryCodes.Names.Keys.Where(k => k.Length == 2))
            Assert.DoesNotContain(key, assigned);
    }
}
