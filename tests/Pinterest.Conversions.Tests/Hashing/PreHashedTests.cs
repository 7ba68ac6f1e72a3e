using Xunit;
using Pinterest.Conversions.Tests.Normalization;
using HashingMode = Pinterest.Conversions.Hashing;
namespace Pinterest.Conversions.Tests.Hashing;

public class PreHashedTests
{
    private const string Hash = "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f";
    private const string EmptyStringHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static TheoryData<PinterestField> Fields => new(HashVectors.HashedFields);

    [Theory]
    [MemberData(nameof(Fields))]
    public void Auto_passes_64_hex_through_lowercased(PinterestField field)
    {
        Assert.Equal(Hash, HashVectors.HashOf(field, Hash));
        Assert.Equal(Hash, HashVectors.HashOf(field, "  " + Hash.ToUpperInvariant() + "\t"));

        Span<char> destination = stackalloc char[64];
        Assert.Equal(PinterestHashStatus.PassedThrough, HashVectors.TryOf(field)(Hash.ToUpperInvariant(), destination, out var written));
        Assert.Equal(64, written);
        Assert.Equal(Hash, new string(destination));
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void The_hash_of_the_empty_string_is_Invalid(PinterestField field)
    {
        Span<char> destination = stackalloc char[64];
        Assert.Equal(PinterestHashStatus.Invalid, HashVectors.TryOf(field)(EmptyStringHash, destination, out var written));
        Assert.Equal(PinterestHashStatus.Invalid, HashVectors.TryOf(field)(EmptyStringHash.ToUpperInvariant(), destination, out _));
        Assert.Equal(0, written);
        Assert.Null(HashVectors.HashOf(field, EmptyStringHash));
    }

    [Fact]
    public void Near_hashes_are_normalized_as_values()
    {
        // 63 or 65 hex characters, or a non-hex letter, are not hashes: they go through the field's rule.
        Assert.Equal(Norm.Sha256(Hash[..63]), PinterestHash.ExternalId(Hash[..63]));
        Assert.Equal(Norm.Sha256(Hash + "a"), PinterestHash.ExternalId(Hash + "a"));
        var withG = "g" + Hash[1..];
        Assert.Equal(Norm.Sha256(withG), PinterestHash.ExternalId(withG));
        Assert.Null(PinterestHash.Email(Hash[..63])); // and as an email it is invalid
    }

    [Fact]
    public void PreHashed_mode_passes_hashes_through_and_never_hashes_anything_else()
    {
        var batch = PinterestHashBatch.Rent();
        try
        {
            Assert.Equal(PinterestHashStatus.PassedThrough, batch.Add(PinterestField.Email, Hash.ToUpperInvariant(), HashingMode.PreHashed));
            Assert.Equal(PinterestHashStatus.Invalid, batch.Add(PinterestField.Email, "john.doe@example.com", HashingMode.PreHashed));
            Assert.Equal(PinterestHashStatus.Invalid, batch.Add(PinterestField.Email, Hash.AsSpan(0, 63), HashingMode.PreHashed));
            Assert.Equal(PinterestHashStatus.Invalid, batch.Add(PinterestField.Email, EmptyStringHash, HashingMode.PreHashed));
            Assert.Equal(PinterestHashStatus.Empty, batch.Add(PinterestField.Email, "  ", HashingMode.PreHashed));
            Assert.Equal(PinterestHashStatus.TooLong, batch.Add(PinterestField.Email, new string('a', 513), HashingMode.PreHashed));
            batch.HashAll();
            Assert.Equal(1, batch.Count);
            Assert.Equal(Hash, System.Text.Encoding.ASCII.GetString(batch.GetHashUtf8(0)));
        }
        finally
        {
            PinterestHashBatch.Return(batch);
        }
    }

    [Fact]
    public void Undefined_hashing_mode_is_refused()
    {
        var batch = PinterestHashBatch.Rent();
        try
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => batch.Add(PinterestField.Email, "a@b.c", (HashingMode)7));
        }
        finally
        {
            PinterestHashBatch.Return(batch);
        }
    }
}
