using Xunit;
using Pinterest.Conversions.Tests.Normalization;
namespace Pinterest.Conversions.Tests.Hashing;

public class PinterestHashApiTests
{
    public static TheoryData<PinterestField> Fields => new(HashVectors.HashedFields);

    [Theory]
    [MemberData(nameof(Fields))]
    public void Null_empty_and_whitespace_give_null_and_Empty(PinterestField field)
    {
        Assert.Null(HashVectors.HashOf(field, null));
        Assert.Null(HashVectors.HashOf(field, ""));
        Assert.Null(HashVectors.HashOf(field, "   "));
        Span<char> destination = stackalloc char[64];
        Assert.Equal(PinterestHashStatus.Empty, HashVectors.TryOf(field)(" ", destination, out var written));
        Assert.Equal(0, written);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Input_of_513_characters_is_TooLong(PinterestField field)
    {
        var input = "1" + new string('a', 511) + "1";
        Assert.Equal(513, input.Length);
        Span<char> destination = stackalloc char[64];
        Assert.Equal(PinterestHashStatus.TooLong, HashVectors.TryOf(field)(input, destination, out _));
        Assert.Null(HashVectors.HashOf(field, input));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void A_destination_under_64_characters_is_refused_before_anything_else(PinterestField field)
    {
        var error = Assert.Throws<ArgumentException>(() =>
        {
            Span<char> small = stackalloc char[63];
            HashVectors.TryOf(field)("secret@example.com", small, out _);
        });
        Assert.Equal("destination", error.ParamName);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void Try_methods_write_64_characters_and_report_the_status()
    {
        Span<char> destination = stackalloc char[100];
        destination.Fill('#');
        Assert.Equal(PinterestHashStatus.Hashed, PinterestHash.TryEmail("John.Doe@Example.com", destination, out var written));
        Assert.Equal(64, written);
        Assert.Equal("836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f", new string(destination[..64]));
        Assert.Equal('#', destination[64]);
        Assert.Equal(PinterestHashStatus.Invalid, PinterestHash.TryEmail("not an email", destination, out written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Phone_takes_a_default_country_code()
    {
        var expected = "bb2fa2e6d2cea4746530c99686d0c7886ab2019875dca2d7e9e171c0e6ada00d"; // sha256("16169547888")
        Assert.Equal(expected, PinterestHash.Phone("(616) 954-7888", "1"));
        Assert.Equal(expected, PinterestHash.Phone("(616) 954-7888", "+1"));
        Assert.Equal(Norm.Sha256("6169547888"), PinterestHash.Phone("(616) 954-7888"));
        Span<char> destination = stackalloc char[64];
        Assert.Equal(PinterestHashStatus.Hashed, PinterestHash.TryPhone("(616) 954-7888", destination, out _, "1"));
        Assert.Equal(expected, new string(destination));
        Assert.Throws<ArgumentException>(() => PinterestHash.Phone("(616) 954-7888", "one"));
        Assert.Throws<ArgumentException>(() => PinterestHash.Phone(null, "0044")); // checked even without a value
    }

    [Fact]
    public void Typed_date_of_birth()
    {
        Assert.Equal(Norm.Sha256("19970216"), PinterestHash.DateOfBirth(new DateOnly(1997, 2, 16)));
        Assert.Null(PinterestHash.DateOfBirth(default(DateOnly)));
        Assert.Null(PinterestHash.DateOfBirth(new DateOnly(1500, 1, 1)));
        Span<char> destination = stackalloc char[64];
        Assert.Equal(PinterestHashStatus.Empty, PinterestHash.TryDateOfBirth(default(DateOnly), destination, out _));
        Assert.Equal(PinterestHashStatus.Invalid, PinterestHash.TryDateOfBirth(new DateOnly(2200, 1, 1), destination, out _));
        Assert.Throws<ArgumentException>(() => PinterestHash.TryDateOfBirth(new DateOnly(1997, 2, 16), new char[10], out _));
    }

    [Fact]
    public void First_and_last_name_share_the_name_rule() =>
        Assert.Equal(PinterestHash.FirstName(" Renée "), PinterestHash.LastName("RENÉE"));

    [Fact]
    public void External_id_and_ad_id_share_the_lowercase_rule() =>
        Assert.Equal(PinterestHash.ExternalId("ABC-1"), PinterestHash.MobileAdId("abc-1"));
}
