using Xunit;
namespace Pinterest.Conversions.Tests.Normalization;

/// <summary>
/// Test vectors from peer SDKs (with the repository and file each comes from) that agree with
/// Pinterest's rules as docs/normalization.md states them, and the ones we deliberately do not follow (docs/normalization.md).
/// Facts only: no peer code is used.
/// </summary>
public class PeerVectorTests
{
    /// <summary>Peer input → the normalized value we (and the peer) produce.</summary>
    public static TheoryData<PinterestField, string, string> Agreeing => new()
    {
        // facebook-java-business-sdk src/test/java/com/facebook/ads/ServerSideNormalizationTest.java
        { PinterestField.FirstName, "John", "john" },
        { PinterestField.FirstName, "   Smith   ", "smith" },
        { PinterestField.City, "London  ", "london" },
        { PinterestField.City, "Menlo Park", "menlopark" },
        { PinterestField.City, "San José", "sanjosé" },
        { PinterestField.Country, "US", "us" },
        { PinterestField.Country, "     US   ", "us" },
        { PinterestField.Country, "US!", "us" },
        { PinterestField.Zip, "98 121-9431", "98121" },
        { PinterestField.Zip, "NR9 5AL", "nr95al" }, // ⚠ in other SDKs (Pinterest says digits only); our rule keeps letters (docs/normalization.md)
        { PinterestField.Phone, "123-456-7890", "1234567890" },
        { PinterestField.Phone, "(123)-456-7890", "1234567890" },
        { PinterestField.Phone, "   123456-7890   ", "1234567890" },
        { PinterestField.Email, "  foo@foo.com  ", "foo@foo.com" },

        // facebook-php-business-sdk test/FacebookAdsTest/Object/ServerSide/ServerSideNormalizeTest.php
        { PinterestField.Phone, "123-456-7890", "1234567890" },
        { PinterestField.Phone, "777 747 (3515)", "7777473515" },
        { PinterestField.Phone, "+442071838750", "442071838750" },
        { PinterestField.Phone, "44-12390821300A", "4412390821300" },
        { PinterestField.Zip, "  98121", "98121" },
        { PinterestField.Zip, "98121-4892", "98121" },
        { PinterestField.Zip, "NR9 5AL", "nr95al" },
        { PinterestField.City, "Menlo Park", "menlopark" },
        { PinterestField.City, "Washington D.C", "washingtondc" },
        { PinterestField.Country, "   US   ", "us" },

        // rudderlabs/rudder-transformer src/cdk/v2/destinations/pinterest_tag/utils.test.js (our zp rule: six digits kept)
        { PinterestField.Zip, "700114", "700114" },

        // facebook/capi-param-builder nodejs/capi-param-builder/tests/emailUtil.test.js
        { PinterestField.Email, "     John_Smith@gmail.com    ", "john_smith@gmail.com" },
        { PinterestField.Email, "TEST@EXAMPLE.COM", "test@example.com" },
        { PinterestField.Email, "\tTEST@EXAMPLE.COM\n", "test@example.com" },
        { PinterestField.Email, "user.name+tag@domain.co.uk", "user.name+tag@domain.co.uk" },
        { PinterestField.Email, "test'name@example.com", "test'name@example.com" },

        // capi-param-builder tests/phoneUtil.test.js
        { PinterestField.Phone, "+1 (616) 954-78 88", "16169547888" },
        { PinterestField.Phone, "1(650)123-4567", "16501234567" },
        { PinterestField.Phone, "+001 (616) 954-78 88", "16169547888" },
        { PinterestField.Phone, "01(650)123-4567", "16501234567" },
        { PinterestField.Phone, "4792813113", "4792813113" },
        { PinterestField.Phone, "+44 20 7946 0958", "442079460958" },
        { PinterestField.Phone, "+33 1 42 86 83 26", "33142868326" },
        { PinterestField.Phone, "+81-3-5843-2301", "81358432301" },
        { PinterestField.Phone, "+49 30 12345678", "493012345678" },
        { PinterestField.Phone, "555.123.4567", "5551234567" },
        { PinterestField.Phone, "01234567890", "1234567890" },
        { PinterestField.Phone, "000555123456", "555123456" },
        { PinterestField.Phone, "Call me at +1 (555) 123-4567 today!", "15551234567" },

        // capi-param-builder tests/nameUtil.test.js (those without inner spaces or punctuation)
        { PinterestField.FirstName, "Müller", "müller" },
        { PinterestField.FirstName, "Владимир", "владимир" },
        { PinterestField.FirstName, "李明", "李明" },
        { PinterestField.FirstName, "John😀", "john😀" },

        // capi-param-builder tests/cityUtil.test.js
        { PinterestField.City, "Menlo Park", "menlopark" },
        { PinterestField.City, "    Menlo-Park  ", "menlopark" },
        { PinterestField.City, "St. Louis", "stlouis" },
        { PinterestField.City, "O'Fallon", "ofallon" },
        { PinterestField.City, "Santa Fe, NM", "santafenm" },
        { PinterestField.City, "Los Angeles 90210", "losangeles90210" },
        { PinterestField.City, "angeles123", "angeles123" },

        // capi-param-builder tests/stateUtil.test.js
        { PinterestField.State, "    California.   ", "ca" },
        { PinterestField.State, "CA", "ca" },
        { PinterestField.State, "    C/a/lifo,rnia.  ", "ca" },
        { PinterestField.State, "New York", "ny" },
        { PinterestField.State, "North   Carolina", "nc" },
        { PinterestField.State, "Ontario", "on" },
        { PinterestField.State, "British Columbia", "bc" },
        { PinterestField.State, "N.Y.", "ny" },
        { PinterestField.State, "Califórnia", "ca" },

        // capi-param-builder tests/countryUtil.test.js
        { PinterestField.Country, "       United States       ", "us" },
        { PinterestField.Country, "USA", "us" },
        { PinterestField.Country, "United States of America", "us" },
        { PinterestField.Country, "United Kingdom", "gb" },
        { PinterestField.Country, "South Korea", "kr" },
        { PinterestField.Country, "North Korea", "kp" },
        { PinterestField.Country, "Georgia", "ge" },

        // capi-param-builder tests/zipCodeUtil.test.js
        { PinterestField.Zip, "    37221", "37221" },
        { PinterestField.Zip, "37221-3312", "37221" },
        { PinterestField.Zip, "K1A0A6", "k1a0a6" },
        { PinterestField.Zip, "SW1A1AA", "sw1a1aa" },

        // capi-param-builder tests/dobUtil.test.js (the layouts our db rule accepts)
        { PinterestField.DateOfBirth, "1990-12-31", "19901231" },
        { PinterestField.DateOfBirth, "19901231", "19901231" },

        // capi-param-builder tests/genderUtil.test.js
        { PinterestField.Gender, "male", "m" },
        { PinterestField.Gender, "Male", "m" },
        { PinterestField.Gender, "M", "m" },
        { PinterestField.Gender, "  male  ", "m" },
        { PinterestField.Gender, "\tman\n", "m" },
        { PinterestField.Gender, "        Woman         ", "f" },
        { PinterestField.Gender, "Female", "f" },

        // capi-param-builder tests/externalIDUtil.test.js
        { PinterestField.ExternalId, "EXTERNAL123", "external123" },
        { PinterestField.ExternalId, "  external123  ", "external123" },
        { PinterestField.ExternalId, "\u00A0external123\u00A0", "external123" },
        { PinterestField.ExternalId, "customer.789", "customer.789" },
        { PinterestField.ExternalId, "6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "6ba7b810-9dad-11d1-80b4-00c04fd430c8" },
    };

    [Theory]
    [MemberData(nameof(Agreeing))]
    public void Agreeing_peer_vectors(PinterestField field, string input, string expected) =>
        Assert.Equal(expected, Norm.Accepted(field, input));

    /// <summary>Peer inputs every peer and we reject (or drop as empty).</summary>
    public static TheoryData<PinterestField, string> AgreeingRejections => new()
    {
        // facebook-python-business-sdk facebook_business/adobjects/serverside/tests/normalize_test.py (email TypeError)
        { PinterestField.Email, "a" },
        { PinterestField.Email, "abc" },
        { PinterestField.Email, "@b.c" },
        { PinterestField.Email, ".c" },
        { PinterestField.Email, "@" },
        // facebook-java-business-sdk ServerSideNormalizationTest.java
        { PinterestField.Email, "TEST" },
        { PinterestField.Phone, "12345" },
        { PinterestField.Phone, "123456123456123456123456" },
        // facebook-php-business-sdk ServerSideNormalizeTest.php
        { PinterestField.Email, "324342@@@@bar.com" },
        // capi-param-builder tests/emailUtil.test.js
        { PinterestField.Email, "invalid-email" },
        { PinterestField.Email, "@example.com" },
        { PinterestField.Email, "test@" },
        { PinterestField.Email, "test @example.com" },
        { PinterestField.Email, "test@@example.com" },
        { PinterestField.Email, "8df99a46f811595e1a1de5016e2445bc202f72b946482032a75aec528a0a350" }, // 63 hex: not a hash, not an address
        // capi-param-builder tests/phoneUtil.test.js ("0000" → "")
        { PinterestField.Phone, "0000" },
        // capi-param-builder tests/stateUtil.test.js
        { PinterestField.State, "123" },
        // capi-param-builder tests/countryUtil.test.js
        { PinterestField.Country, "123" },
        // capi-param-builder tests/genderUtil.test.js
        { PinterestField.Gender, "other" },
        { PinterestField.Gender, "x" },
        { PinterestField.Gender, "m/f" },
        { PinterestField.Gender, "male female" },
        { PinterestField.Gender, "male." },
        { PinterestField.Gender, "0" },
        // capi-param-builder tests/dobUtil.test.js
        { PinterestField.DateOfBirth, "December 31, 1990" },
        { PinterestField.DateOfBirth, "12/31/90" },
        { PinterestField.DateOfBirth, "13-13-1990" },
        { PinterestField.DateOfBirth, "01-01-1799" },
        { PinterestField.DateOfBirth, "１２－３１－１９９０" },
    };

    [Theory]
    [MemberData(nameof(AgreeingRejections))]
    public void Agreeing_peer_rejections(PinterestField field, string input) =>
        Assert.Equal(PinterestHashStatus.Invalid, Norm.StatusOf(field, input));

    /// <summary>Peer input, the peer's output (null: dropped), and ours; each is explained in docs/normalization.md.</summary>
    public static TheoryData<PinterestField, string, string?, string?> NotFollowed => new()
    {
        // capi-param-builder tests/stateUtil.test.js: lossy first-two-letters and substring guesses
        { PinterestField.State, "Carolina", "ca", null },
        { PinterestField.State, "Tex.", "te", null },
        { PinterestField.State, "unknown", "un", null },
        { PinterestField.State, "CaliforniaUSA", "ca", null },
        // capi-param-builder tests/countryUtil.test.js: "uk" is not an ISO code; truncations
        { PinterestField.Country, "U.K.", "uk", "gb" },
        { PinterestField.Country, "Ger.", "ge", null },
        { PinterestField.Country, "Japão", "ja", null },
        // capi-param-builder tests/genderUtil.test.js: Pinterest has "n"
        { PinterestField.Gender, "non-binary", null, "n" },
        { PinterestField.Gender, "Boy", "m", null },
        { PinterestField.Gender, "SHE", "f", null },
        // capi-param-builder tests/phoneUtil.test.js: letters are not digits; an extension is not part of the number
        { PinterestField.Phone, "1-800-FLOWERS", "1800", null },
        { PinterestField.Phone, "+1-555-123-4567 ext. 123", "15551234567123", "15551234567" },
        // capi-param-builder tests/cityUtil.test.js: accents and other scripts are letters
        { PinterestField.City, "San José", "sanjos", "sanjosé" },
        { PinterestField.City, "Montréal", "montral", "montréal" },
        { PinterestField.City, "Москва", null, "москва" },
        { PinterestField.City, "123Angeles", null, "123angeles" },
        // capi-param-builder tests/nameUtil.test.js: Pinterest asks for lowercase only
        { PinterestField.FirstName, "John Smith", "johnsmith", "john smith" },
        // capi-param-builder tests/zipCodeUtil.test.js
        { PinterestField.Zip, "A1 B2", "a1 b2", "a1b2" },
        { PinterestField.Zip, "12345-6789-extra", "12345", null }, // letters and digits: 14 characters, over 10
        { PinterestField.Zip, "-12345", "", "12345" },
        // capi-param-builder tests/externalIDUtil.test.js: Pinterest's rule is lowercase only
        { PinterestField.ExternalId, "external 123", "external123", "external 123" },
        // capi-param-builder tests/dobUtil.test.js: day/month order guessed
        { PinterestField.DateOfBirth, "2/16/1997 (mm/dd/yyyy)", "19970216", null },
        { PinterestField.DateOfBirth, "31/12/1990", "19901231", null },
        // facebook-java-business-sdk ServerSideNormalizationTest.java
        { PinterestField.State, "California", "california", "ca" },
        { PinterestField.State, "North Carolina", "northcarolina", "nc" },
        { PinterestField.State, "Washington, D.C.", "washingtondc", "dc" },
        { PinterestField.Country, "Germany", null, "de" },
        { PinterestField.City, "Stanley Park 1234", "stanleypark", "stanleypark1234" },
        { PinterestField.Zip, "641041-ABC-XYZ", "641041", null }, // 12 characters, over 10
        // facebook-php-business-sdk ServerSideNormalizeTest.php
        { PinterestField.Zip, "98-121-4892", "98", "98121" },
        { PinterestField.City, "Seattle-98121", "seattle", "seattle98121" },
        { PinterestField.Country, "United States of America", null, "us" },
        { PinterestField.Email, "foo(.bar)@baz.com/", "foo.bar@baz.com", "foo(.bar)@baz.com/" },
        // managed-components/pinterest-conversion-api src/index.test.ts (raw hashing)
        { PinterestField.Phone, "05498715647", "05498715647", "5498715647" },
        { PinterestField.FirstName, "Hanni", "Hanni", "hanni" },
        // rudderlabs/rudder-transformer src/cdk/v2/destinations/pinterest_tag/utils.test.js
        { PinterestField.Gender, "female", "female", "f" },
    };

    [Theory]
    [MemberData(nameof(NotFollowed))]
    public void Peer_vectors_not_followed(PinterestField field, string input, string? peerOutput, string? ours)
    {
        var (status, value) = Norm.Run(field, input);
        if (ours is null) Assert.Equal(PinterestHashStatus.Invalid, status);
        else Assert.Equal(ours, value);
        Assert.NotEqual(peerOutput, ours);
    }

    /// <summary>Full hashes from Pinterest integrations and .NET peers.</summary>
    public static TheoryData<PinterestField, string, string> AgreeingHashes => new()
    {
        // rudderlabs/rudder-transformer src/cdk/v2/destinations/pinterest_tag/utils.test.js
        { PinterestField.Email, "abc@gmail.com", "48ddb93f0b30c475423fe177832912c5bcdce3cc72872f8051627967ef278e08" },
        { PinterestField.Phone, "+1234589947", "d164bbe036663cb5c96835e9ccc6501e9a521127ea62f6359744928ba932413b" },
        { PinterestField.LastName, "Rudderlabs", "dcf000c2386fb76d22cefc0d118a8511bb75999019cd373df52044bccd1bd251" },
        { PinterestField.FirstName, "Test", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" },
        { PinterestField.City, "Kolkata", "6689106ca7922c30b2fd2c175c85bc7fc2d52cc4941bdd7bb622c6cdc6284a85" },
        { PinterestField.State, "WB", "3b45022ab36728cdae12e709e945bba267c50ee8a91e6e4388539a8e03a3fdcd" },
        { PinterestField.Country, "IN", "582967534d0f909d196b97f9e6921342777aea87b46fa52df165389db1fb8ccf" },
        { PinterestField.MobileAdId, "abc123", "6ca13d52ca70c883e0f0bb101e425a89e8624de51db2d2392593af6a84118090" },
        { PinterestField.DateOfBirth, "19960314", "25f0dd07093aa653929e6e4d7710eeee84073ce654786612c09d1db67114c7ef" },
        { PinterestField.ExternalId, "50be5c78-6c3f-4b60-be84-97805a316fb1", "3217d71a74c219d6e31e28267b313a7ceb6a2c032db1a091c9416b25b2ae2bc8" },
        // rudder-transformer test/integrations/destinations/pinterest_tag/processor/data.ts
        { PinterestField.Gender, "non-binary", "1b16b1df538ba12dc3f97edbb85caa7050d46c148134290feba80f8236c83db9" },
        // managed-components/pinterest-conversion-api src/index.test.ts
        { PinterestField.Email, "test@test.com", "f660ab912ec121d1b1e928a0bb4bc61b15f5ad44d5efdc4e1c92a25e99b8e44a" },
        { PinterestField.MobileAdId, "ga.1.2.3.4.5.6.7.", "5e8a5ed735739e9281b7324b75bc96b37784f75cad8ab1ccffb61f87a098c06a" },
        // segmentio/action-destinations …/pinterest-conversions/reportConversionEvent/__tests__/index.test.ts (pre-hashed, sent unchanged)
        { PinterestField.Email, "c551027f06bd3f307ccd6abb61edc500def2680944c010e932ab5b27a3a8f151", "c551027f06bd3f307ccd6abb61edc500def2680944c010e932ab5b27a3a8f151" },
        { PinterestField.FirstName, "44104fcaef8476724152090d6d7bd9afa8ca5b385f6a99d3c6cf36b943b9872d", "44104fcaef8476724152090d6d7bd9afa8ca5b385f6a99d3c6cf36b943b9872d" },
        { PinterestField.Phone, "63af7d494c194a90e1cf1db5371c13f97db650161aa803e67182c0dbaf668c7b", "63af7d494c194a90e1cf1db5371c13f97db650161aa803e67182c0dbaf668c7b" },
        { PinterestField.Email, "411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9c8", "411e44ce1261728ffd2c0686e44e3fffe413c0e2c5adc498bc7da883d476b9c8" },
        // buraktamturk/PixelSharp tests/PixelSharp.Tests/HashedStringTests.cs
        { PinterestField.Email, "John_Smith@gmail.com", "62a14e44f765419d10fea99367361a727c12365e2520f32218d505ed9aa0f62f" },
        { PinterestField.FirstName, "Mary", "6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec" },
        { PinterestField.FirstName, "정", "8fa8cd9c440be61d0151429310034083132b35975c4bea67fdd74158eb51db14" },
        { PinterestField.LastName, "Valéry", "08e1996b5dd49e62a4b4c010d44e4345592a863bb9f8e3976219bac29417149c" },
    };

    [Theory]
    [MemberData(nameof(AgreeingHashes))]
    public void Agreeing_peer_hashes(PinterestField field, string input, string expectedHash) =>
        Assert.Equal(expectedHash, HashVectors.HashOf(field, input));

    [Fact]
    public void Peer_pre_hashed_values_pass_through_trimmed_and_lowercased()
    {
        // facebook-python-business-sdk normalize_test.py: " " + 'a'*64 + " " → 'a'*64
        Assert.Equal(new string('a', 64), PinterestHash.LastName(" " + new string('a', 64) + " "));
        // capi-param-builder emailUtil.test.js keeps uppercase hex uppercase; we lowercase it (Pinterest's examples are lowercase)
        Assert.Equal("abcdef1234567890abcdef1234567890abcdef1234567890abcdef1234567890",
            PinterestHash.Email("ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890ABCDEF1234567890"));
    }

    [Fact]
    public void Duplicates_are_dropped_after_normalization()
    {
        // facebook-python-business-sdk tests/user_data_test.py: ['mary@test.com','mary@test.com'] → one hash
        var batch = PinterestHashBatch.Rent();
        try
        {
            batch.Add(PinterestField.Email, "mary@test.com");
            batch.Add(PinterestField.Email, " MARY@test.com ");
            batch.HashAll();
            Assert.Equal(1, batch.Count);
        }
        finally
        {
            PinterestHashBatch.Return(batch);
        }
    }
}
