using Xunit;
using System.Globalization;
using System.Text;
using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions.Tests.Serialization;

/// <summary>The money fast path writes exactly what decimal.TryFormat writes with the invariant culture.</summary>
public sealed class InvariantDecimalTests
{
    [Theory]
    [InlineData("72.39", "72.39")]
    [InlineData("14.90", "14.90")]
    [InlineData("0", "0")]
    [InlineData("0.00", "0.00")]
    [InlineData("0.005", "0.005")]
    [InlineData("100", "100")]
    [InlineData("1.0", "1.0")]
    [InlineData("-1.50", "-1.50")]
    [InlineData("18446744073709551615", "18446744073709551615")] // the largest 64-bit digits: fast path
    [InlineData("18446744073709551616", "18446744073709551616")] // one more: the runtime's formatter
    [InlineData("1844674407370955161.5", "1844674407370955161.5")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    public void Writes_the_invariant_text(string input, string expected)
    {
        var value = decimal.Parse(input, CultureInfo.InvariantCulture);
        Assert.Equal(expected, Format(value));
    }

    [Fact]
    public void Matches_the_runtime_on_random_decimals_of_every_scale_and_sign()
    {
        var random = new Random(20261129);
        for (var i = 0; i < 200_000; i++)
        {
            // Mostly values whose digits fit 64 bits (the fast path), some wider ones and negatives (the runtime's path).
            var lo = random.Next(int.MinValue, int.MaxValue);
            var mid = random.Next(4) == 0 ? 0 : random.Next(int.MinValue, int.MaxValue);
            var hi = random.Next(8) == 0 ? random.Next(int.MinValue, int.MaxValue) : 0;
            var value = new decimal(lo, mid, hi, isNegative: random.Next(6) == 0, scale: (byte)random.Next(29));
            Assert.Equal(value.ToString(CultureInfo.InvariantCulture), Format(value));
        }
    }

    [Fact]
    public void A_short_destination_is_reported_not_overrun()
    {
        Span<byte> exact = stackalloc byte[5];
        Assert.True(InvariantDecimal.TryFormatUtf8(14.90m, exact, out var written));
        Assert.Equal("14.90", Encoding.UTF8.GetString(exact[..written]));

        foreach (var value in new[] { 14.90m, 0.005m, 1490m, -14.90m })
        {
            var length = Encoding.UTF8.GetByteCount(value.ToString(CultureInfo.InvariantCulture));
            var buffer = new byte[length + 4];
            Assert.False(InvariantDecimal.TryFormatUtf8(value, buffer.AsSpan(0, length - 1), out _));
            Assert.All(buffer.AsSpan(length - 1).ToArray(), b => Assert.Equal(0, b)); // nothing written past the slice
        }
    }

    private static string Format(decimal value)
    {
        Span<byte> utf8 = stackalloc byte[InvariantDecimal.MaxLength];
        Assert.True(InvariantDecimal.TryFormatUtf8(value, utf8, out var written));
        return Encoding.UTF8.GetString(utf8[..written]);
    }
}
