using Xunit;
using System.Globalization;

namespace Pinterest.Conversions.Tests.Normalization;

/// <summary>What every rule shares: trimming, Empty, TooLong, NFC, invariant casing, malformed UTF-16.</summary>
public class CommonRuleTests
{
    public static TheoryData<PinterestField> Rules => new(HashVectors.HashedFields);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Empty_and_whitespace_are_Empty(PinterestField field)
    {
        Assert.Equal(PinterestHashStatus.Empty, Norm.StatusOf(field, ""));
        Assert.Equal(PinterestHashStatus.Empty, Norm.StatusOf(field, " \t\r\n\u00A0\u2003"));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Over_512_characters_is_TooLong(PinterestField field)
    {
        Assert.Equal(PinterestHashStatus.TooLong, Norm.StatusOf(field, new string('a', 513)));
        Assert.Equal(PinterestHashStatus.TooLong, Norm.StatusOf(field, new string('1', 600)));
        // The limit applies to the trimmed value.
        Assert.NotEqual(PinterestHashStatus.TooLong, Norm.StatusOf(field, "  " + new string('a', 512) + "  "));
    }

    [Fact]
    public void Exactly_512_characters_are_accepted() =>
        Assert.Equal(512, Norm.Accepted(PinterestField.ExternalId, new string('A', 512)).Length);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Malformed_UTF16_is_Invalid(PinterestField field)
    {
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(field, "ab\uFFFEcd")); // byte-swapped BOM
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(field, "ab\uD800cd"));
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(field, "\uDC00"));
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(field, "x\uDBFF"));
    }

    [Fact]
    public void A_surrogate_pair_is_kept_whole() =>
        Assert.Equal("john😀", Norm.Accepted(PinterestField.FirstName, "John😀"));

    [Theory]
    [InlineData(PinterestField.FirstName, "Ren\u00E9e", "Rene\u0301e")]
    [InlineData(PinterestField.City, "San Jos\u00E9", "San Jose\u0301")]
    [InlineData(PinterestField.Email, "jos\u00E9@example.com", "jose\u0301@example.com")]
    [InlineData(PinterestField.ExternalId, "\uAC00", "\u1100\u1161")] // Hangul syllable vs conjoining jamo
    public void NFC_and_NFD_forms_normalize_alike(PinterestField field, string composed, string decomposed)
    {
        var value = Norm.Accepted(field, decomposed);
        Assert.Equal(Norm.Accepted(field, composed), value);
        Assert.True(value.IsNormalized(System.Text.NormalizationForm.FormC));
    }

    [Fact]
    public void NFC_then_the_limit_applies_to_the_composed_text()
    {
        // 300 decomposed é are 600 UTF-16 units raw, so the raw input is already over the limit.
        Assert.Equal(PinterestHashStatus.TooLong, Norm.StatusOf(PinterestField.FirstName, string.Concat(Enumerable.Repeat("e\u0301", 300))));
        // 200 decomposed é (400 units) compose to 200.
        Assert.Equal(200, Norm.Accepted(PinterestField.FirstName, string.Concat(Enumerable.Repeat("e\u0301", 200))).Length);
    }

    [Fact]
    public void Turkish_culture_changes_no_result()
    {
        var inputs = new (PinterestField Rule, string Input)[]
        {
            (PinterestField.Email, "İNFO@EXAMPLE.COM"), (PinterestField.Email, "INFO@IBM.COM"),
            (PinterestField.FirstName, "İbrahim"), (PinterestField.FirstName, "ISIK"), (PinterestField.FirstName, "Işık"),
            (PinterestField.City, "İSTANBUL"), (PinterestField.City, "DIYARBAKIR"),
            (PinterestField.State, "ILLINOIS"), (PinterestField.State, "IN"),
            (PinterestField.Country, "ITALY"), (PinterestField.Country, "IT"), (PinterestField.Country, "İtaly"),
            (PinterestField.Zip, "IP1 1AA"), (PinterestField.ExternalId, "IDFA-İ"), (PinterestField.Gender, "FEMALE"),
        };
        var invariant = inputs.Select(i => Norm.Run(i.Rule, i.Input)).ToArray();

        var saved = CultureInfo.CurrentCulture;
        var savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("tr-TR");
            Assert.Equal(invariant, inputs.Select(i => Norm.Run(i.Rule, i.Input)).ToArray());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }

        // The values themselves: ASCII I lowercases to i; dotted İ has no invariant simple lowercase and stays.
        Assert.Equal("info@ibm.com", Norm.Accepted(PinterestField.Email, "INFO@IBM.COM"));
        Assert.Equal("isik", Norm.Accepted(PinterestField.FirstName, "ISIK"));
        Assert.Equal("il", Norm.Accepted(PinterestField.State, "ILLINOIS"));
        Assert.Equal("it", Norm.Accepted(PinterestField.Country, "ITALY"));
        Assert.Equal("İbrahim", Norm.Accepted(PinterestField.FirstName, "İbrahim"));
        Assert.Equal("it", Norm.Accepted(PinterestField.Country, "İtaly")); // Latin letters fold for name lookup
    }

    [Fact]
    public void Hashes_do_not_depend_on_the_culture()
    {
        var before = PinterestHash.Email("INFO@IBM.COM");
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal(before, PinterestHash.Email("INFO@IBM.COM"));
            Assert.Equal(Norm.Sha256("info@ibm.com"), PinterestHash.Email("INFO@IBM.COM"));
            CultureInfo.CurrentCulture = new CultureInfo("th-TH"); // Buddhist calendar by default
            Assert.Equal(Norm.Sha256("19910526"), PinterestHash.DateOfBirth(new DateOnly(1991, 5, 26)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void The_None_rule_is_not_a_normalization() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Norm.Run(NormalizationRule.None, "x"));

    [Fact]
    public void A_short_destination_is_refused() =>
        Assert.Throws<ArgumentException>(() =>
        {
            Span<char> small = stackalloc char[10];
            Normalizer.TryNormalize(NormalizationRule.Email, "a@b.c", small, out _);
        });
}
