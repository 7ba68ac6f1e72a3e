using System.Security.Cryptography;
using System.Text;

namespace Pinterest.Conversions;

/// <summary>SHA-256 over the UTF-8 of a normalized value, written as 64 lowercase hex characters (Pinterest's form).</summary>
internal static class Sha256Hex
{
    /// <summary>Length of a SHA-256 hash in hex.</summary>
    internal const int Length = 64;

    /// <summary>The most UTF-8 bytes a normalized value can take: three per UTF-16 unit.</summary>
    internal const int MaxUtf8Length = Normalizer.MaxNormalizedLength * 3;

    /// <summary>Hashes <paramref name="utf8"/> into 64 lowercase hex UTF-8 bytes.</summary>
    internal static void HashUtf8(ReadOnlySpan<byte> utf8, Span<byte> hexUtf8)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, digest);
        LowerHex.WriteUtf8(digest, hexUtf8);
    }

    /// <summary>Hashes the UTF-8 of <paramref name="text"/> (well-formed UTF-16, at most <see cref="Normalizer.MaxNormalizedLength"/> characters) into 64 lowercase hex characters.</summary>
    internal static void HashText(ReadOnlySpan<char> text, Span<char> hex)
    {
        Span<byte> utf8 = stackalloc byte[MaxUtf8Length];
        var length = Encoding.UTF8.GetBytes(text, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        LowerHex.Write(digest, hex);
    }
}
