namespace Pinterest.Conversions;

/// <summary>
/// Hashes many values in one call: contiguous UTF-8 input with an offset and a length per value, contiguous 64-byte
/// lowercase hex output per value. The one place a multi-buffer (SIMD) SHA-256 will plug in; today a plain loop.
/// </summary>
internal static class Sha256Batch
{
    /// <summary>Hashes <c>input[offsets[i]..][..lengths[i]]</c> into <c>hexUtf8Outputs[(64 × i)..][..64]</c> for every i.</summary>
    internal static void HashAll(ReadOnlySpan<byte> input, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> hexUtf8Outputs)
    {
        if (offsets.Length != lengths.Length)
            throw new ArgumentException("Every value needs an offset and a length.", nameof(lengths));
        if (hexUtf8Outputs.Length < offsets.Length * Sha256Hex.Length)
            throw new ArgumentException("The output needs 64 bytes per value.", nameof(hexUtf8Outputs));

        for (var i = 0; i < offsets.Length; i++)
            Sha256Hex.HashUtf8(input.Slice(offsets[i], lengths[i]), hexUtf8Outputs.Slice(i * Sha256Hex.Length, Sha256Hex.Length));
    }
}
