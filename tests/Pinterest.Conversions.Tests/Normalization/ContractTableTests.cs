using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

/// <summary>Every row of the normalization table in CONTRACT.md ("Normalization"), value and hash.</summary>
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
        { PinterestField.Country, "USA", "us" },
        { PinterestField.ExternalId, "EA7583CD-A667-48BC-B806-42ECB2B48606", "ea7583cd-a667-48bc-b806-42ecb2b48606" },
    };

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
        // reference §2.7 B
        Assert.Equal("6cd6140c54b2741b81b0099b232a3ddaeed82df456f43563574877baec22b632",
            PinterestHash.ExternalId("EA7583CD-A667-48BC-B806-42ECB2B48606"));
}
