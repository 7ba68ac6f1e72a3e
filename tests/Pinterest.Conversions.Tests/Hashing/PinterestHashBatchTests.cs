using Xunit;
using Pinterest.Conversions.Tests.Normalization;
using System.Text;

namespace Pinterest.Conversions.Tests.Hashing;

public class PinterestHashBatchTests
{
    private static string HashAt(PinterestHashBatch batch, int index) => Encoding.ASCII.GetString(batch.GetHashUtf8(index));

    private static void WithBatch(Action<PinterestHashBatch> test)
    {
        var batch = PinterestHashBatch.Rent();
        try
        {
            test(batch);
        }
        finally
        {
            PinterestHashBatch.Return(batch);
        }
    }

    [Fact]
    public void Hashes_every_value_with_its_field_in_order() => WithBatch(batch =>
    {
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Email, "John.Doe@Example.com"));
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Phone, "+1 (616) 954-78 88"));
        Assert.Equal(PinterestHashStatus.Invalid, batch.Add(PinterestField.Gender, "unknown"));
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.DateOfBirth, new DateOnly(1997, 2, 16)));
        Assert.Equal(PinterestHashStatus.Empty, batch.Add(PinterestField.City, "  "));
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Country, "USA"));
        batch.HashAll();

        Assert.Equal(4, batch.Count);
        Assert.Equal(PinterestField.Email, batch.GetField(0));
        Assert.Equal("836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f", HashAt(batch, 0));
        Assert.Equal(PinterestField.Phone, batch.GetField(1));
        Assert.Equal("bb2fa2e6d2cea4746530c99686d0c7886ab2019875dca2d7e9e171c0e6ada00d", HashAt(batch, 1));
        Assert.Equal(PinterestField.DateOfBirth, batch.GetField(2));
        Assert.Equal("01acdbf6ec7b4f478a225f1a246e5d6767eeab1a7ffa17f025265b5b94f40f0c", HashAt(batch, 2));
        Assert.Equal(PinterestField.Country, batch.GetField(3));
        Assert.Equal("79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621", HashAt(batch, 3));
    });

    [Fact]
    public void Equal_normalized_values_of_one_field_are_kept_once() => WithBatch(batch =>
    {
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Email, "john.doe@example.com"));
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Email, "  JOHN.DOE@EXAMPLE.COM "));
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Email, "jane@example.com"));
        Assert.Equal(3 - 1, batch.Count);
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Phone, "+1 616 954 7888"));
        Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.Phone, "001 (616) 954-7888"));
        Assert.Equal(3, batch.Count);
        batch.HashAll();
        Assert.Equal(3, batch.Count);
    });

    [Fact]
    public void The_same_value_in_two_fields_is_kept_in_both() => WithBatch(batch =>
    {
        batch.Add(PinterestField.FirstName, "Jordan");
        batch.Add(PinterestField.LastName, "Jordan");
        batch.Add(PinterestField.ExternalId, "jordan");
        batch.Add(PinterestField.MobileAdId, "jordan");
        batch.HashAll();
        Assert.Equal(4, batch.Count);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(Norm.Sha256("jordan"), HashAt(batch, i)));
    });

    [Fact]
    public void A_pre_hashed_value_equal_to_a_hashed_one_is_kept_once() => WithBatch(batch =>
    {
        batch.Add(PinterestField.Email, "john.doe@example.com");
        batch.Add(PinterestField.Email, "836F82DB99121B3481011F16B49DFA5FBC714A0D1B1B9F784A1EBBBF5B39577F");
        batch.Add(PinterestField.Email, "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f");
        Assert.Equal(2, batch.Count);
        batch.HashAll();
        Assert.Equal(1, batch.Count);
        Assert.Equal("836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f", HashAt(batch, 0));
    });

    [Fact]
    public void A_hashed_value_added_after_its_pre_hashed_twin_and_a_HashAll_is_dropped_too() => WithBatch(batch =>
    {
        batch.Add(PinterestField.Email, "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f");
        batch.HashAll();
        batch.Add(PinterestField.Email, "  John.Doe@Example.COM ");
        batch.Add(PinterestField.Email, "jane@example.com");
        batch.HashAll();
        Assert.Equal(2, batch.Count);
        Assert.Equal("836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f", HashAt(batch, 0));
        Assert.Equal(PinterestHash.Email("jane@example.com"), HashAt(batch, 1));
    });

    [Fact]
    public void Adding_after_HashAll_needs_another_HashAll() => WithBatch(batch =>
    {
        batch.Add(PinterestField.Email, "a@example.com");
        batch.HashAll();
        batch.Add(PinterestField.Email, "b@example.com");
        Assert.Equal(Norm.Sha256("a@example.com"), HashAt(batch, 0));
        Assert.Throws<InvalidOperationException>(() => batch.GetHashUtf8(1));
        batch.HashAll();
        Assert.Equal(Norm.Sha256("b@example.com"), HashAt(batch, 1));
    });

    [Fact]
    public void Fields_that_are_not_hashed_are_refused_by_name_never_by_value() => WithBatch(batch =>
    {
        var error = Assert.Throws<ArgumentException>(() => batch.Add(PinterestField.ClientIpAddress, "203.0.113.7"));
        Assert.Equal("field", error.ParamName);
        Assert.Contains("ClientIpAddress", error.Message);
        Assert.DoesNotContain("203.0.113.7", error.Message);
        Assert.Throws<ArgumentException>(() => batch.Add(PinterestField.EventId, "order-1"));
        Assert.Throws<ArgumentException>(() => batch.Add((PinterestField)9999, "x"));
        var dateError = Assert.Throws<ArgumentException>(() => batch.Add(PinterestField.Email, new DateOnly(2000, 1, 1)));
        Assert.Contains("Email", dateError.Message);
        Assert.Equal(0, batch.Count);
    });

    [Fact]
    public void Index_out_of_range_is_refused() => WithBatch(batch =>
    {
        batch.Add(PinterestField.Email, "a@example.com");
        batch.HashAll();
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetField(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.GetHashUtf8(-1));
    });

    [Fact]
    public void Clear_empties_the_batch_and_keeps_the_country_code() => WithBatch(batch =>
    {
        batch.DefaultPhoneCountryCode = "44";
        batch.Add(PinterestField.Phone, "020 7946 0958");
        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.Equal("44", batch.DefaultPhoneCountryCode);
        batch.Add(PinterestField.Phone, "020 7946 0958");
        batch.HashAll();
        Assert.Equal(Norm.Sha256("442079460958"), HashAt(batch, 0));
    });

    [Fact]
    public void Default_phone_country_code_is_validated()
    {
        WithBatch(batch =>
        {
            batch.DefaultPhoneCountryCode = "+1";
            Assert.Equal("+1", batch.DefaultPhoneCountryCode);
            batch.DefaultPhoneCountryCode = "";
            Assert.Null(batch.DefaultPhoneCountryCode);
            Assert.Throws<ArgumentException>(() => batch.DefaultPhoneCountryCode = "1-242");
            Assert.Throws<ArgumentException>(() => batch.DefaultPhoneCountryCode = "01");
        });
    }

    [Fact]
    public void Rent_reuses_the_returned_batch_on_the_same_thread_reset()
    {
        var first = PinterestHashBatch.Rent();
        first.DefaultPhoneCountryCode = "1";
        first.Add(PinterestField.Email, "a@example.com");
        PinterestHashBatch.Return(first);

        var second = PinterestHashBatch.Rent();
        var third = PinterestHashBatch.Rent(); // the cached one is in use: a new one
        try
        {
            Assert.Same(first, second);
            Assert.NotSame(second, third);
            Assert.Equal(0, second.Count);
            Assert.Null(second.DefaultPhoneCountryCode);
        }
        finally
        {
            PinterestHashBatch.Return(third);
            PinterestHashBatch.Return(second);
        }
    }

    [Fact]
    public void Grows_for_many_and_long_values() => WithBatch(batch =>
    {
        var expected = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var id = new string((char)('a' + i % 26), 400) + i;
            Assert.Equal(PinterestHashStatus.Hashed, batch.Add(PinterestField.ExternalId, id));
            expected.Add(Norm.Sha256(id));
        }
        batch.HashAll();
        Assert.Equal(300, batch.Count);
        for (var i = 0; i < 300; i++) Assert.Equal(expected[i], HashAt(batch, i));
    });

    [Fact]
    public void Multi_byte_values_are_hashed_as_UTF8() => WithBatch(batch =>
    {
        batch.Add(PinterestField.City, "北京");
        batch.Add(PinterestField.FirstName, "John😀");
        batch.HashAll();
        Assert.Equal(Norm.Sha256("北京"), HashAt(batch, 0));
        Assert.Equal(Norm.Sha256("john😀"), HashAt(batch, 1));
    });
}
