using Xunit;
using Pinterest.Conversions.Tests.Normalization;
using System.Text;

namespace Pinterest.Conversions.Tests;

/// <summary>Seeded random strings for property tests: any Unicode, surrogate pairs and lone surrogates, 0..600 characters.</summary>
internal sealed class RandomInput(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Pieces =
    [
        "@", "+", "00", "0", " ", "-", ".", "(0)", "ext", "x", "#", "&", "The ", "é", "e\u0301", "İ", "ı", "ß", "\u00A0",
        "\u200B", "\t", "Ω", "😀", "北京", "كلمة", "١٢٣", "１２３", "male", "Female", "non-binary", "1991-05-26", "2023-02-30",
        "California", "USA", "U.K.", "NR9 5AL", "98121-4892", "john.doe@example.com", "+1 (616) 954-78 88",
        "836F82DB99121B3481011F16B49DFA5FBC714A0D1B1B9F784A1EBBBF5B39577F",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    ];

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    /// <summary>Any UTF-16: a mix of pieces that exercise the rules and random code units.</summary>
    public string AnyText()
    {
        if (_random.Next(8) == 0) return Padding() + Pieces[_random.Next(Pieces.Length)] + Padding();
        var length = _random.Next(10) == 0 ? _random.Next(500, 601) : _random.Next(0, 80);
        var builder = new StringBuilder(length + 80);
        while (builder.Length < length)
        {
            switch (_random.Next(6))
            {
                case 0: builder.Append(Pieces[_random.Next(Pieces.Length)]); break;
                case 1: builder.Append((char)_random.Next(0x20, 0x7F)); break;
                case 2: builder.Append((char)_random.Next(0, 0x10000)); break; // includes lone surrogates
                case 3: builder.Append(char.ConvertFromUtf32(_random.Next(0x10000, 0x110000))); break;
                case 4: builder.Append((char)_random.Next('0', '9' + 1)); break;
                default: builder.Append((char)_random.Next(0x80, 0x800)); break;
            }
        }
        return builder.Length > length ? builder.ToString(0, length) : builder.ToString();
    }

    private string Padding() => _random.Next(3) switch { 0 => "", 1 => " ", _ => "\t\u00A0 " };

    /// <summary>Printable ASCII and a little whitespace, often shaped like a real value.</summary>
    public string AsciiText()
    {
        if (_random.Next(3) == 0)
        {
            var piece = Pieces[_random.Next(Pieces.Length)];
            if (Ascii.IsValid(piece)) return piece;
        }
        var length = _random.Next(10) == 0 ? _random.Next(500, 601) : _random.Next(0, 60);
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = _random.Next(12) == 0 ? ' ' : (char)_random.Next(0x20, 0x7F);
        return new string(chars);
    }
}
