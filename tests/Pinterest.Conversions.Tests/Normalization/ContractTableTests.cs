using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

/// <summary>Every row of the project's normalization table (docs/normalization.md and the README), value and hash.</summary>
public class ContractTableTests
{
    public static TheoryData<PinterestField, string, string> Rows => new()
    {
        { PinterestField.Email, "  John.Doe@Example.COM ", "john.doe@example.com" },
        { PinterestField.Phone, "+1 (616) 954-78 88", "16169547888" },
        { PinterestField.Phone, "0044 20 7946 0958", "442079460958" },
        { PinterestField.Gender, "Female", "f" },
        { PinterestField.DateOfBirth, "1991-05-26", "19910526" },
        { PinterestField.FirstName, " Renée ", "renée" },
        { PinterestField.City, "Menlo Park", "menlopark" },
        { PinterestField.State, "California", "ca" },
        { PinterestField.Zip, "98121-4892", "98121" },
        { PinterestField.Zip, "NR9 5AL", "nr95al" },
        { PinterestField.Zip, "700114", "700114" },
        { PinterestField.Zip, "1010", "1010" },
        { PinterestField.Country, "USA", "us" },
        { PinterestField.ExternalId, "EA7583CD-A667-48BC-B806-42ECB2B48606", "ea7583cd-a667-48bc-b806-42ecb2b48606" },
        { PinterestField.MobileAdId, "EA7583CD-A667-48BC-B806-42ECB2B48606", "ea7583cd-a667-48bc-b806-42ecb2b48606" },
    };

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")] // the id a device with ad tracking limited reports
    [InlineData("0000000000000000")]
    [InlineData(" 00000000-0000-0000-0000-000000000000 ")]
    [InlineData("12b9377cbe7e5c94e8a70d9d23929523d14afa954793130f8a3959c7b849aca8")] // its SHA-256, pre-hashed
    [InlineData("12B9377CBE7E5C94E8A70D9D23929523D14AFA954793130F8A3959C7B849ACA8")]
    public void An_all_zero_mobile_ad_id_identifies_nobody_and_is_invalid(string input)
    {
        Assert.Null(PinterestHash.MobileAdId(input));
        Span<char> hash = stackalloc char[64];
        Assert.Equal(PinterestHashStatus.Invalid, PinterestHash.TryMobileAdId(input, hash, out _));
        var batch = PinterestHashBatch.Rent();
        try
        {
            Assert.Equal(PinterestHashStatus.Invalid, batch.Add(PinterestField.MobileAdId, input));
            Assert.Equal(PinterestHashStatus.Invalid, batch.Add(PinterestField.MobileAdId, input, Pinterest.Conversions.Hashing.PreHashed));
        }
        finally
        {
            PinterestHashBatch.Return(batch);
        }
    }

    [Fact]
    public void Only_the_mobile_ad_id_refuses_zeros_and_their_hash()
    {
        Assert.NotNull(PinterestHash.ExternalId("00000000-0000-0000-0000-000000000000"));
        Assert.NotNull(PinterestHash.ExternalId("12b9377cbe7e5c94e8a70d9d23929523d14afa954793130f8a3959c7b849aca8"));
        Assert.NotNull(PinterestHash.MobileAdId("00000000-0000-0000-0000-000000000001"));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Normalizes_as_the_contract_says(PinterestField field, string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(field, input));

    [Theory]
    [MemberData(nameof(Rows))]
    public void Batch_hashes_the_normalized_value(PinterestField field, string input, string expected)
    {
        var batch = PinterestHashBatch.Rent();
        try
        {
            Assert.Equal(PinterestHashStatus.Hashed, batch.Add(field, input));
            batch.HashAll();
            Assert.Equal(Norm.Sha256(expected), System.Text.Encoding.UTF8.GetString(batch.GetHashUtf8(0)));
        }
        finally
        {
            PinterestHashBatch.Return(batch);
        }
    }

    [Fact]
    public void Typed_date_of_birth_is_written_as_yyyyMMdd() =>
        Assert.Equal(Norm.Sha256("19910526"), PinterestHash.DateOfBirth(new DateOnly(1991, 5, 26)));

    [Fact]
    public void External_id_row_matches_reference_hash() =>
        // docs/pinterest-api.md §2.7 B
        Assert.Equal("6cd6140c54b2741b81b0099b232a3ddaeed82df456f43563574877baec22b632",
            PinterestHash.ExternalId("EA7583CD-A667-48BC-B806-42ECB2B48606"));
}
