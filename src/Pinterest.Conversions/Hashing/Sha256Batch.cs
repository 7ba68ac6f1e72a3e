namespace Pinterest.Conversions;

/// <summary>
/// Hashes many values in one call: contiguous UTF-8 input with an offset and a length per value, contiguous 64-byte
/// lowercase hex output per value. Values of one block are hashed side by side in vector lanes
/// (<see cref="Sha256MultiBuffer"/>), longer ones by the platform's SHA-256.
/// </summary>
internal static class Sha256Batch
{
    /// <summary>Hashes <c>input[offsets[i]..][..lengths[i]]</c> into <c>hexUtf8Outputs[(64 × i)..][..64]</c> for every i.</summary>
    internal static void HashAll(ReadOnlySpan<byte> input, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> hexUtf8Outputs) =>
        HashAll(input, offsets, lengths, hexUtf8Outputs, Sha256Path.Auto);

    /// <summary>As <see cref="HashAll(ReadOnlySpan{byte}, ReadOnlySpan{int}, ReadOnlySpan{int}, Span{byte})"/>, on a chosen path (tests force each one).</summary>
    internal static void HashAll(ReadOnlySpan<byte> input, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> hexUtf8Outputs, Sha256Path path)
    {
        if (offsets.Length != lengths.Length)
            throw new ArgumentException("Every value needs an offset and a length.", nameof(lengths));
        if (hexUtf8Outputs.Length < offsets.Length * Sha256Hex.Length)
            throw new ArgumentException("The output needs 64 bytes per value.", nameof(hexUtf8Outputs));

        Sha256MultiBuffer.HashAll(input, offsets, lengths, hexUtf8Outputs, path);
    }
}
