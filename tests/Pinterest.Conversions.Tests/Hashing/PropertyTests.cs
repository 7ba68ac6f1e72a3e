using Xunit;
using Pinterest.Conversions.Tests.Normalization;
using System.Text;

namespace Pinterest.Conversions.Tests.Hashing;

/// <summary>Properties over thousands of seeded random inputs per rule: any Unicode, lengths 0..600.</summary>
public class PropertyTests
{
    private const int Cases = 3000;

    public static TheoryData<PinterestField> Rules => new(HashVectors.HashedFields);
    public static TheoryData<PinterestField> Fields => new(HashVectors.HashedFields);

    [Theory]
    [MemberData(nameof(Rules))]
    public void Normalizing_never_throws_and_stays_within_bounds(PinterestField field)
    {
        var random = new RandomInput(seed: 1000 + (int)field);
        Span<char> destination = stackalloc char[Normalizer.MaxNormalizedLength];
        for (var i = 0; i < Cases; i++)
        {
            var input = random.AnyText();
            var status = Normalizer.TryNormalize(Norm.RuleOf(field), input, destination, out var written, i % 3 == 0 ? "44" : default);
            Assert.True(Enum.IsDefined(status), input);
            Assert.NotEqual(PinterestHashStatus.PassedThrough, status); // only the hashing layer passes through
            if (status == PinterestHashStatus.Hashed)
            {
                Assert.InRange(written, 1, Normalizer.MaxNormalizedLength);
                var value = destination[..written];
                Assert.False(UnicodeText.IsMalformed(value));
                Assert.True(value.ToString().IsNormalized(NormalizationForm.FormC), "output is not NFC");
                Assert.Equal(value.Trim().Length, value.Length);
            }
            else
            {
                Assert.Equal(0, written);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Normalizing_a_normalized_value_changes_nothing(PinterestField field)
    {
        var random = new RandomInput(seed: 2000 + (int)field);
        var hashed = 0;
        for (var i = 0; i < Cases; i++)
        {
            var (status, value) = Norm.Run(field, random.AnyText());
            if (status != PinterestHashStatus.Hashed) continue;
            hashed++;
            Assert.Equal((PinterestHashStatus.Hashed, value), Norm.Run(field, value));
        }
        Assert.True(hashed > 0, "no random input normalized: the generator is too narrow");
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void String_span_and_batch_paths_agree(PinterestField field)
    {
        var random = new RandomInput(seed: 3000 + (int)field);
        var tryHash = HashVectors.TryOf(field);
        Span<char> destination = stackalloc char[64];
        var batch = PinterestHashBatch.Rent();
        try
        {
            for (var i = 0; i < Cases; i++)
            {
                var input = i % 2 == 0 ? random.AnyText() : random.AsciiText();
                var status = tryHash(input, destination, out var written);
                var fromString = HashVectors.HashOf(field, input);

                batch.Clear();
                var batchStatus = batch.Add(field, input);
                batch.HashAll();

                Assert.Equal(status, batchStatus);
                if (status is PinterestHashStatus.Hashed or PinterestHashStatus.PassedThrough)
                {
                    Assert.Equal(64, written);
                    var hash = new string(destination);
                    Assert.Matches("^[0-9a-f]{64}$", hash);
                    Assert.Equal(hash, fromString);
                    Assert.Equal(1, batch.Count);
                    Assert.Equal(hash, Encoding.ASCII.GetString(batch.GetHashUtf8(0)));
                }
                else
                {
                    Assert.Equal(0, written);
                    Assert.Null(fromString);
                    Assert.Equal(0, batch.Count);
                }
            }
        }
        finally
        {
            PinterestHashBatch.Return(batch);
        }
    }

    [Fact]
    public void Hashed_values_are_the_sha256_of_the_normalized_utf8()
    {
        var random = new RandomInput(seed: 4000);
        Span<char> destination = stackalloc char[64];
        for (var i = 0; i < Cases; i++)
        {
            var input = random.AnyText();
            var (status, normalized) = Norm.Run(PinterestField.City, input);
            var hashStatus = PinterestHash.TryCity(input, destination, out _);
            if (status == PinterestHashStatus.Hashed && hashStatus == PinterestHashStatus.Hashed)
                Assert.Equal(Norm.Sha256(normalized), new string(destination));
        }
    }
}
