using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Pinterest.Conversions;

/// <summary>Which code hashes the values of one <see cref="Sha256Batch"/> call. Tests force each one; the library uses Auto.</summary>
internal enum Sha256Path
{
    /// <summary>The widest accelerated vectors for values of one block, the platform's SHA-256 otherwise.</summary>
    Auto,

    /// <summary>The platform's SHA-256 for every value.</summary>
    Scalar,

    /// <summary>8 values of one block at once in <see cref="Vector256{T}"/> lanes (emulated in software where not accelerated).</summary>
    Vector256,

    /// <summary>16 values of one block at once in <see cref="Vector512{T}"/> lanes (emulated in software where not accelerated).</summary>
    Vector512,

    /// <summary>
    /// As <see cref="Vector256"/> with cross-platform vector operations only, even where AVX2 and AVX-512 are there:
    /// rotations by two shifts and an or (as on AVX2), words transposed one by one (as without AVX2).
    /// </summary>
    Vector256Portable,

    /// <summary>As <see cref="Vector512"/> with cross-platform vector operations only (see <see cref="Vector256Portable"/>).</summary>
    Vector512Portable,
}

/// <summary>
/// Multi-buffer SHA-256: the values that fit one 64-byte block (at most 55 bytes) are hashed side by side, one per
/// vector lane, 8 in a <see cref="Vector256{T}"/> or 16 in a <see cref="Vector512{T}"/>. Longer values (rare among
/// normalized values) go to the platform's SHA-256, as does everything on the Scalar path.
/// </summary>
/// <remarks>
/// Message words are laid out transposed (word t of every lane side by side), so round t works on one vector per
/// variable. Nothing is allocated: every buffer is on the stack and wiped after use, as it held personal values.
/// </remarks>
[SkipLocalsInit]
internal static class Sha256MultiBuffer
{
    /// <summary>The longest message that fits one block: 64 bytes less the 0x80 marker and the 8-byte bit length.</summary>
    internal const int MaxOneBlockLength = 55;

    private const int MaxLanes = 16;

    /// <summary>The path <see cref="Sha256Path.Auto"/> takes for full groups on this machine.</summary>
    internal static Sha256Path AutoPath =>
        Vector512.IsHardwareAccelerated ? Sha256Path.Vector512
        : Vector256.IsHardwareAccelerated ? Sha256Path.Vector256
        : Sha256Path.Scalar;

    /// <summary>Hashes <c>input[offsets[i]..][..lengths[i]]</c> into <c>hexUtf8Outputs[(64 × i)..][..64]</c> for every i.</summary>
    /// <remarks>The caller checks that the spans agree in length.</remarks>
    internal static void HashAll(ReadOnlySpan<byte> input, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, Span<byte> hexUtf8Outputs, Sha256Path path)
    {
        var auto = path == Sha256Path.Auto;
        if (auto) path = AutoPath;
        if (path == Sha256Path.Scalar)
        {
            for (var i = 0; i < offsets.Length; i++)
                HashOne(input, offsets[i], lengths[i], hexUtf8Outputs, i);
            return;
        }

        var width = path is Sha256Path.Vector512 or Sha256Path.Vector512Portable ? 16 : 8;
        Span<int> lanes = stackalloc int[MaxLanes];
        var laneCount = 0;
        for (var i = 0; i < offsets.Length; i++)
        {
            if ((uint)lengths[i] > MaxOneBlockLength)
            {
                HashOne(input, offsets[i], lengths[i], hexUtf8Outputs, i);
                continue;
            }
            lanes[laneCount++] = i;
            if (laneCount == width)
            {
                HashLanes(input, offsets, lengths, lanes[..laneCount], hexUtf8Outputs, path);
                laneCount = 0;
            }
        }

        if (laneCount == 0) return;
        // Even one value: a vector pass with dummy lanes took 0.5 us of CPU here, one platform call 0.8 us.
        if (auto && laneCount <= 8 && Vector256.IsHardwareAccelerated)
            HashLanes(input, offsets, lengths, lanes[..laneCount], hexUtf8Outputs, Sha256Path.Vector256); // 8 lanes cost less than 16
        else
            HashLanes(input, offsets, lengths, lanes[..laneCount], hexUtf8Outputs, path);
    }

    private static void HashOne(ReadOnlySpan<byte> input, int offset, int length, Span<byte> hexUtf8Outputs, int index) =>
        Sha256Hex.HashUtf8(input.Slice(offset, length), hexUtf8Outputs.Slice(index * Sha256Hex.Length, Sha256Hex.Length));

    /// <summary>Hashes the values at <paramref name="lanes"/> (each at most 55 bytes), one per lane of <paramref name="path"/>'s vectors.</summary>
    private static void HashLanes(ReadOnlySpan<byte> input, ReadOnlySpan<int> offsets, ReadOnlySpan<int> lengths, ReadOnlySpan<int> lanes, Span<byte> hexUtf8Outputs, Sha256Path path)
    {
        var width = path is Sha256Path.Vector512 or Sha256Path.Vector512Portable ? 16 : 8;

        // Each lane's padded block (message, 0x80, zeros, bit length), then transposed into big-endian words:
        // words[t × width + lane] = word t of the lane's block. Unused lanes hash the empty message.
        Span<byte> blocks = stackalloc byte[64 * MaxLanes];
        blocks[..(64 * width)].Clear();
        for (var lane = 0; lane < width; lane++)
        {
            var block = blocks.Slice(64 * lane, 64);
            var length = 0;
            if (lane < lanes.Length)
            {
                var value = lanes[lane];
                var message = input.Slice(offsets[value], lengths[value]);
                message.CopyTo(block);
                length = message.Length;
            }
            block[length] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(block[56..], (ulong)length * 8);
        }

        Span<uint> words = stackalloc uint[16 * MaxLanes];
        ref var blockWords = ref Unsafe.As<byte, uint>(ref MemoryMarshal.GetReference(blocks));
        ref var word = ref MemoryMarshal.GetReference(words);
        if (Avx2.IsSupported && path is Sha256Path.Vector256 or Sha256Path.Vector512)
        {
            // In 8 × 8 tiles; measured here against the loop below, 8 values took 0.56 us instead of 0.66 us, 16 lanes 0.67 instead of 0.96.
            for (var laneGroup = 0; laneGroup < width; laneGroup += 8)
                for (var wordGroup = 0; wordGroup < 16; wordGroup += 8)
                    Transpose8x8(ref Unsafe.Add(ref blockWords, 16 * laneGroup + wordGroup), ref Unsafe.Add(ref word, wordGroup * width + laneGroup), width);
        }
        else
        {
            for (var lane = 0; lane < width; lane++)
                for (var t = 0; t < 16; t++)
                    Unsafe.Add(ref word, t * width + lane) = ToBigEndian(Unsafe.Add(ref blockWords, 16 * lane + t));
        }

        Span<uint> state = stackalloc uint[8 * MaxLanes];
        switch (path)
        {
            case Sha256Path.Vector512: Compress512<NativeRotation>(words, state); break;
            case Sha256Path.Vector512Portable: Compress512<ShiftRotation>(words, state); break;
            case Sha256Path.Vector256Portable: Compress256<ShiftRotation>(words, state); break;
            default: Compress256<NativeRotation>(words, state); break;
        }

        Span<byte> digest = stackalloc byte[32];
        ref var digestWords = ref Unsafe.As<byte, uint>(ref MemoryMarshal.GetReference(digest));
        ref var stateWord = ref MemoryMarshal.GetReference(state);
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            for (var k = 0; k < 8; k++)
                Unsafe.Add(ref digestWords, k) = ToBigEndian(Unsafe.Add(ref stateWord, k * width + lane));
            LowerHex.WriteUtf8(digest, hexUtf8Outputs.Slice(lanes[lane] * Sha256Hex.Length, Sha256Hex.Length));
        }

        // Wipe what this pass used (the buffers are sized for 16 lanes).
        blocks[..(64 * width)].Clear();
        words[..(16 * width)].Clear();
        state[..(8 * width)].Clear();
        digest.Clear();
    }

    /// <summary>8 rows of 8 words, 16 words apart, byte-swapped into 8 columns, <paramref name="stride"/> words apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref uint source, ref uint target, int stride)
    {
        var swap = Vector256.Create((byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);
        var r0 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 0 * 16).AsByte(), swap).AsUInt32();
        var r1 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 1 * 16).AsByte(), swap).AsUInt32();
        var r2 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 2 * 16).AsByte(), swap).AsUInt32();
        var r3 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 3 * 16).AsByte(), swap).AsUInt32();
        var r4 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 4 * 16).AsByte(), swap).AsUInt32();
        var r5 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 5 * 16).AsByte(), swap).AsUInt32();
        var r6 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 6 * 16).AsByte(), swap).AsUInt32();
        var r7 = Avx2.Shuffle(Vector256.LoadUnsafe(ref source, 7 * 16).AsByte(), swap).AsUInt32();

        var t0 = Avx2.UnpackLow(r0, r1).AsUInt64();
        var t1 = Avx2.UnpackHigh(r0, r1).AsUInt64();
        var t2 = Avx2.UnpackLow(r2, r3).AsUInt64();
        var t3 = Avx2.UnpackHigh(r2, r3).AsUInt64();
        var t4 = Avx2.UnpackLow(r4, r5).AsUInt64();
        var t5 = Avx2.UnpackHigh(r4, r5).AsUInt64();
        var t6 = Avx2.UnpackLow(r6, r7).AsUInt64();
        var t7 = Avx2.UnpackHigh(r6, r7).AsUInt64();

        var u0 = Avx2.UnpackLow(t0, t2).AsUInt32();
        var u1 = Avx2.UnpackHigh(t0, t2).AsUInt32();
        var u2 = Avx2.UnpackLow(t1, t3).AsUInt32();
        var u3 = Avx2.UnpackHigh(t1, t3).AsUInt32();
        var u4 = Avx2.UnpackLow(t4, t6).AsUInt32();
        var u5 = Avx2.UnpackHigh(t4, t6).AsUInt32();
        var u6 = Avx2.UnpackLow(t5, t7).AsUInt32();
        var u7 = Avx2.UnpackHigh(t5, t7).AsUInt32();

        var s = (nuint)stride;
        Avx2.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref target, 0 * s);
        Avx2.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref target, 1 * s);
        Avx2.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref target, 2 * s);
        Avx2.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref target, 3 * s);
        Avx2.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref target, 4 * s);
        Avx2.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref target, 5 * s);
        Avx2.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref target, 6 * s);
        Avx2.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref target, 7 * s);
    }

    /// <summary>A big-endian word read from memory as a native one, or the other way round.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint ToBigEndian(uint value) => BitConverter.IsLittleEndian ? BinaryPrimitives.ReverseEndianness(value) : value;

    // FIPS 180-4 §4.2.2 and §5.3.3. Arrays, not ReadOnlySpan properties: a span of uint is made by
    // RuntimeHelpers.CreateSpan, which allocates on every call in unoptimized (Debug) code.
    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private const uint H0 = 0x6a09e667, H1 = 0xbb67ae85, H2 = 0x3c6ef372, H3 = 0xa54ff53a;
    private const uint H4 = 0x510e527f, H5 = 0x9b05688c, H6 = 0x1f83d9ab, H7 = 0x5be0cd19;

    // The two compression functions are the same code over Vector256 and Vector512; keep them in step.

    /// <summary>One SHA-256 block per lane of 8: <paramref name="words"/> transposed (16 × 8), <paramref name="state"/> out (8 × 8).</summary>
    private static void Compress256<TRotation>(ReadOnlySpan<uint> words, Span<uint> state)
        where TRotation : struct, IRotation
    {
        ref var source = ref MemoryMarshal.GetReference(words);
        ref var k = ref MemoryMarshal.GetArrayDataReference(K);
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[64];
        for (var t = 0; t < 16; t++)
            w[t] = Vector256.LoadUnsafe(ref source, (nuint)(t * 8));
        for (var t = 16; t < 64; t++)
            w[t] = LowerSigma1<TRotation>(w[t - 2]) + w[t - 7] + LowerSigma0<TRotation>(w[t - 15]) + w[t - 16];

        var a = Vector256.Create(H0);
        var b = Vector256.Create(H1);
        var c = Vector256.Create(H2);
        var d = Vector256.Create(H3);
        var e = Vector256.Create(H4);
        var f = Vector256.Create(H5);
        var g = Vector256.Create(H6);
        var h = Vector256.Create(H7);
        for (var t = 0; t < 64; t++)
        {
            var t1 = h + UpperSigma1<TRotation>(e) + Vector256.ConditionalSelect(e, f, g) + Vector256.Create(Unsafe.Add(ref k, t)) + w[t];
            var t2 = UpperSigma0<TRotation>(a) + Vector256.ConditionalSelect(a ^ b, c, b); // Maj(a, b, c)
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        ref var target = ref MemoryMarshal.GetReference(state);
        (a + Vector256.Create(H0)).StoreUnsafe(ref target, 0 * 8);
        (b + Vector256.Create(H1)).StoreUnsafe(ref target, 1 * 8);
        (c + Vector256.Create(H2)).StoreUnsafe(ref target, 2 * 8);
        (d + Vector256.Create(H3)).StoreUnsafe(ref target, 3 * 8);
        (e + Vector256.Create(H4)).StoreUnsafe(ref target, 4 * 8);
        (f + Vector256.Create(H5)).StoreUnsafe(ref target, 5 * 8);
        (g + Vector256.Create(H6)).StoreUnsafe(ref target, 6 * 8);
        (h + Vector256.Create(H7)).StoreUnsafe(ref target, 7 * 8);
        w.Clear();
    }

    /// <summary>One SHA-256 block per lane of 16: <paramref name="words"/> transposed (16 × 16), <paramref name="state"/> out (8 × 16).</summary>
    private static void Compress512<TRotation>(ReadOnlySpan<uint> words, Span<uint> state)
        where TRotation : struct, IRotation
    {
        ref var source = ref MemoryMarshal.GetReference(words);
        ref var k = ref MemoryMarshal.GetArrayDataReference(K);
        Span<Vector512<uint>> w = stackalloc Vector512<uint>[64];
        for (var t = 0; t < 16; t++)
            w[t] = Vector512.LoadUnsafe(ref source, (nuint)(t * 16));
        for (var t = 16; t < 64; t++)
            w[t] = LowerSigma1<TRotation>(w[t - 2]) + w[t - 7] + LowerSigma0<TRotation>(w[t - 15]) + w[t - 16];

        var a = Vector512.Create(H0);
        var b = Vector512.Create(H1);
        var c = Vector512.Create(H2);
        var d = Vector512.Create(H3);
        var e = Vector512.Create(H4);
        var f = Vector512.Create(H5);
        var g = Vector512.Create(H6);
        var h = Vector512.Create(H7);
        for (var t = 0; t < 64; t++)
        {
            var t1 = h + UpperSigma1<TRotation>(e) + Vector512.ConditionalSelect(e, f, g) + Vector512.Create(Unsafe.Add(ref k, t)) + w[t];
            var t2 = UpperSigma0<TRotation>(a) + Vector512.ConditionalSelect(a ^ b, c, b); // Maj(a, b, c)
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        ref var target = ref MemoryMarshal.GetReference(state);
        (a + Vector512.Create(H0)).StoreUnsafe(ref target, 0 * 16);
        (b + Vector512.Create(H1)).StoreUnsafe(ref target, 1 * 16);
        (c + Vector512.Create(H2)).StoreUnsafe(ref target, 2 * 16);
        (d + Vector512.Create(H3)).StoreUnsafe(ref target, 3 * 16);
        (e + Vector512.Create(H4)).StoreUnsafe(ref target, 4 * 16);
        (f + Vector512.Create(H5)).StoreUnsafe(ref target, 5 * 16);
        (g + Vector512.Create(H6)).StoreUnsafe(ref target, 6 * 16);
        (h + Vector512.Create(H7)).StoreUnsafe(ref target, 7 * 16);
        w.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> UpperSigma0<TRotation>(Vector256<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 2) ^ TRotation.Right(x, 13) ^ TRotation.Right(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> UpperSigma1<TRotation>(Vector256<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 6) ^ TRotation.Right(x, 11) ^ TRotation.Right(x, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> LowerSigma0<TRotation>(Vector256<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 7) ^ TRotation.Right(x, 18) ^ Vector256.ShiftRightLogical(x, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> LowerSigma1<TRotation>(Vector256<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 17) ^ TRotation.Right(x, 19) ^ Vector256.ShiftRightLogical(x, 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> UpperSigma0<TRotation>(Vector512<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 2) ^ TRotation.Right(x, 13) ^ TRotation.Right(x, 22);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> UpperSigma1<TRotation>(Vector512<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 6) ^ TRotation.Right(x, 11) ^ TRotation.Right(x, 25);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> LowerSigma0<TRotation>(Vector512<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 7) ^ TRotation.Right(x, 18) ^ Vector512.ShiftRightLogical(x, 3);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> LowerSigma1<TRotation>(Vector512<uint> x)
        where TRotation : struct, IRotation =>
        TRotation.Right(x, 17) ^ TRotation.Right(x, 19) ^ Vector512.ShiftRightLogical(x, 10);

    /// <summary>How the rounds rotate: a type argument, so each choice is compiled into its own copy of the rounds.</summary>
    private interface IRotation
    {
        static abstract Vector256<uint> Right(Vector256<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n);

        static abstract Vector512<uint> Right(Vector512<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n);
    }

    /// <summary>The rotate instruction where the processor has one (AVX-512; VL for 256-bit vectors), else shifts and or.</summary>
    private struct NativeRotation : IRotation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Right(Vector256<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n) =>
            Avx512F.VL.IsSupported ? Avx512F.VL.RotateRight(x, n) : ShiftRotation.Right(x, n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Right(Vector512<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n) =>
            Avx512F.IsSupported ? Avx512F.RotateRight(x, n) : ShiftRotation.Right(x, n);
    }

    /// <summary>Two shifts and an or: all AVX2 (and emulated vectors) can do.</summary>
    private struct ShiftRotation : IRotation
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Right(Vector256<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n) =>
            Vector256.ShiftRightLogical(x, n) | Vector256.ShiftLeft(x, 32 - n);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Right(Vector512<uint> x, [ConstantExpected(Min = 1, Max = 31)] byte n) =>
            Vector512.ShiftRightLogical(x, n) | Vector512.ShiftLeft(x, 32 - n);
    }
}
