using System.Text;

namespace Pinterest.Conversions.Tests;

/// <summary>
/// The platform's lowercase hex, the tests' oracle (independent of the library's <c>LowerHex</c>). .NET 8 has no
/// <c>Convert.ToHexStringLower</c> or <c>Convert.TryToHexStringLower</c> (both .NET 9): there the uppercase
/// <see cref="Convert.ToHexString(ReadOnlySpan{byte})"/> is lowered.
/// </summary>
internal static class PlatformHex
{
    public static string Lower(ReadOnlySpan<byte> bytes) =>
#if NET9_0_OR_GREATER
        Convert.ToHexStringLower(bytes);
#else
        Convert.ToHexString(bytes).ToLowerInvariant();
#endif

    /// <summary>Writes the lowercase hex of <paramref name="bytes"/> as UTF-8; false when <paramref name="utf8"/> is too short.</summary>
    public static bool TryLowerUtf8(ReadOnlySpan<byte> bytes, Span<byte> utf8)
    {
#if NET9_0_OR_GREATER
        return Convert.TryToHexStringLower(bytes, utf8, out _);
#else
        if (utf8.Length < bytes.Length * 2) return false;
        Encoding.ASCII.GetBytes(Lower(bytes), utf8);
        return true;
#endif
    }
}
