using Xunit;
using Pinterest.Conversions.Tests.Normalization;
using System.Text;

namespace Pinterest.Conversions.Tests.Hashing;

/// <summary>Hash vectors: Pinterest's examples of hashed values and other SDKs' test vectors (computed here with SHA-256).</summary>
public class Sha256VectorTests
{
    /// <summary>§2.7 A: exact input bytes → SHA-256, from or provable from Pinterest material.</summary>
    public static TheoryData<string, string> PinterestVectors => new()
    {
        { "US", "9b202ecbc6d45c6d8901d989a918878397a3eb9d00e8f48022fc051b19d21a1d" },
        { "CA", "4b650e5c4785025dee7bd65e3c5c527356717d7a1c0bfef5b4ada8ca1e9cbe17" },
        { "male", "0d248e82c62c9386878327d491c762a002152d42ab2c391a31c44d9f62675ddf" },
        { "99999", "fd5f56b40a79a385708428e7b32ab996a681080a166a2206e750eb4819186145" },
        { "01/01/1900", "d4426a0086d10f12ad265539ae8d54221dc67786053d511407204b76e99d7739" },
        { "1234567890", "c775e7b757ede630cd0aa1113bd102661ab38829ca52a6422ab782862f268646" },
        { "12345", "5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5" },
        { "test@test.com", "f660ab912ec121d1b1e928a0bb4bc61b15f5ad44d5efdc4e1c92a25e99b8e44a" },
        { "foo@bar.com", "0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b" },
    };

    /// <summary>Pinterest's examples and other SDKs' vectors: normalized value → SHA-256 (computed, not from Pinterest).</summary>
    public static TheoryData<string, string> NormalizedVectors => new()
    {
        { "john.doe@example.com", "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f" },
        { "16505551234", "6069d14bf122fdfd931dc7beb58e5dfbba395b1faf05bdcd42d12358d63d8599" },
        { "m", "62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a" },
        { "f", "252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111" },
        { "n", "1b16b1df538ba12dc3f97edbb85caa7050d46c148134290feba80f8236c83db9" },
        { "19910526", "d5234ccb6fb4dd59cbe76a3e5e1f396c27d2862246c7dbd7bc9e8fd72d664aaf" },
        { "john", "96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a" },
        { "doe", "799ef92a11af918e3fb741df42934f3b568ed2d93ac1df74f1b8d41a27932a6f" },
        { "menlopark", "0007a3d64c01e23d5075203c5977c14e4f7e01a3fc570686fcc50b5e1dd42685" },
        { "ca", "6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126" },
        { "94025", "b9a9cf3cd3723a2e91b7c23ecf68456e872b6e5d86e5cab7f3d45a7302da32c7" },
        { "us", "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621" },
        { "ea7583cd-a667-48bc-b806-42ecb2b48606", "6cd6140c54b2741b81b0099b232a3ddaeed82df456f43563574877baec22b632" },
        // other SDKs' vectors
        { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "16169547888", "bb2fa2e6d2cea4746530c99686d0c7886ab2019875dca2d7e9e171c0e6ada00d" },
        { "19970216", "01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c" },
        { "98121", "a77c0363c8e376696caa1c871266c54476d5ac554bfd6eeb4f42f6a8d607e8fe" },
        { "test@example.com", "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b" },
    };

    [Theory]
    [MemberData(nameof(PinterestVectors))]
    [MemberData(nameof(NormalizedVectors))]
    public void Sha256_of_exact_bytes_as_lowercase_hex(string input, string expected)
    {
        Span<char> chars = stackalloc char[64];
        Sha256Hex.HashText(input, chars);
        Assert.Equal(expected, new string(chars));

        Span<byte> utf8 = stackalloc byte[64];
        Sha256Hex.HashUtf8(Encoding.UTF8.GetBytes(input), utf8);
        Assert.Equal(expected, Encoding.ASCII.GetString(utf8));
    }

    [Theory]
    [MemberData(nameof(PinterestVectors))]
    [MemberData(nameof(NormalizedVectors))]
    public void Batch_hashing_matches_one_by_one(string input, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes("prefix" + input + "suffix");
        var output = new byte[64];
        Sha256Batch.HashAll(bytes, [6], [Encoding.UTF8.GetByteCount(input)], output);
        Assert.Equal(expected, Encoding.ASCII.GetString(output));
    }

    /// <summary>Table B through the public API, from raw input to hash.</summary>
    public static TheoryData<PinterestField, string, string> RawToHash => new()
    {
        { PinterestField.Email, " John.Doe@Example.com ", "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f" },
        { PinterestField.Phone, "+1 (650) 555-1234", "6069d14bf122fdfd931dc7beb58e5dfbba395b1faf05bdcd42d12358d63d8599" },
        { PinterestField.Gender, "Male", "62c66a7a5dd70c3146618063c344e531e6d4b59e379808443ce962b3abd63c5a" },
        { PinterestField.Gender, "female", "252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111" },
        { PinterestField.Gender, "Non-binary", "1b16b1df538ba12dc3f97edbb85caa7050d46c148134290feba80f8236c83db9" },
        { PinterestField.DateOfBirth, "1991-05-26", "d5234ccb6fb4dd59cbe76a3e5e1f396c27d2862246c7dbd7bc9e8fd72d664aaf" },
        { PinterestField.FirstName, "John", "96d9632f363564cc3032521409cf22a852f2032eec099ed5967c0d000cec607a" },
        { PinterestField.LastName, "DOE", "799ef92a11af918e3fb741df42934f3b568ed2d93ac1df74f1b8d41a27932a6f" },
        { PinterestField.City, "Menlo Park", "0007a3d64c01e23d5075203c5977c14e4f7e01a3fc570686fcc50b5e1dd42685" },
        { PinterestField.State, "California", "6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126" },
        { PinterestField.State, "CA", "6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126" },
        { PinterestField.Zip, "94025", "b9a9cf3cd3723a2e91b7c23ecf68456e872b6e5d86e5cab7f3d45a7302da32c7" },
        { PinterestField.Zip, "98121-4892", "a77c0363c8e376696caa1c871266c54476d5ac554bfd6eeb4f42f6a8d607e8fe" },
        { PinterestField.Country, "US", "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621" },
        { PinterestField.Country, "United States", "79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621" },
        { PinterestField.MobileAdId, "EA7583CD-A667-48BC-B806-42ECB2B48606", "6cd6140c54b2741b81b0099b232a3ddaeed82df456f43563574877baec22b632" },
        { PinterestField.ExternalId, "EA7583CD-A667-48BC-B806-42ECB2B48606", "6cd6140c54b2741b81b0099b232a3ddaeed82df456f43563574877baec22b632" },
        { PinterestField.Email, "FOO@bar.com", "0c7e6a405862e402eb76a70f8a26fc732d07c32931e9fae9ab1582911d2e8a3b" }, // GTM test [PIN-GTM]
        { PinterestField.Email, "test@test.com", "f660ab912ec121d1b1e928a0bb4bc61b15f5ad44d5efdc4e1c92a25e99b8e44a" },
        { PinterestField.Zip, "12345", "5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5" },
        { PinterestField.Zip, "99999", "fd5f56b40a79a385708428e7b32ab996a681080a166a2206e750eb4819186145" },
    };

    [Theory]
    [MemberData(nameof(RawToHash))]
    public void Public_api_normalizes_then_hashes(PinterestField field, string input, string expected) =>
        Assert.Equal(expected, HashVectors.HashOf(field, input));

    [Fact]
    public void SPEC_examples_that_contradict_the_SPEC_text_are_not_reproduced()
    {
        // docs/pinterest-api.md §7.2-7.4: the SPEC's examples hash "US", "CA", "male" and "01/01/1900"; its text asks for
        // lowercase codes, m/f/n and a year-month-day date. We follow the text.
        Assert.NotEqual("9b202ecbc6d45c6d8901d989a918878397a3eb9d00e8f48022fc051b19d21a1d", PinterestHash.Country("US"));
        Assert.NotEqual("4b650e5c4785025dee7bd65e3c5c527356717d7a1c0bfef5b4ada8ca1e9cbe17", PinterestHash.State("CA"));
        Assert.NotEqual("0d248e82c62c9386878327d491c762a002152d42ab2c391a31c44d9f62675ddf", PinterestHash.Gender("male"));
        Assert.Null(PinterestHash.DateOfBirth("01/01/1900"));
    }

    [Fact]
    public void Pre_hashed_GTM_vectors_pass_through()
    {
        // [PIN-GTM]: pre-hashed phone_number and postal_code are passed through, not hashed again.
        Assert.Equal("c775e7b757ede630cd0aa1113bd102661ab38829ca52a6422ab782862f268646",
            PinterestHash.Phone("c775e7b757ede630cd0aa1113bd102661ab38829ca52a6422ab782862f268646"));
        Assert.Equal("5994471abb01112afcc18159f6cc74b4f511b99806da59b3caf5a9c173cacfc5",
            PinterestHash.Zip("5994471ABB01112AFCC18159F6CC74B4F511B99806DA59B3CAF5A9C173CACFC5"));
    }
}
