using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Xunit;

namespace Pinterest.Conversions.Tests.Hashing;

/// <summary>
/// Differential tests of the multi-buffer SHA-256 against <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/>,
/// with every path forced in turn. A path that is not accelerated on the machine still runs: <see cref="Vector256{T}"/> and
/// <see cref="Vector512{T}"/> fall back to software, so the lane logic is tested everywhere (only its speed differs).
/// The Portable paths use cross-platform vector operations only (the shift-and-or rotations of AVX2-only machines, the
/// word-by-word transposition of machines without AVX2) even where AVX2 and AVX-512 are present. To run the software
/// fallback of the vector types themselves on an AVX-512 machine, run these tests again with <c>DOTNET_EnableAVX512=0</c>
/// (.NET 10) and <c>DOTNET_EnableAVX512F=0</c> (.NET 8) (emulated Vector512), and with <c>DOTNET_EnableHWIntrinsic=0</c>
/// (both emulated; Auto is Scalar). Both target frameworks run them: net8.0 on the .NET 8 runtime.
/// </summary>
public class Sha256MultiBufferTests
{
    /// <summary>Random inputs per path: 6 paths × 1,000,000 = 6,000,000 in all, every length 0..200 on every path.</summary>
    private const int InputsPerPath = 1_000_000;

    private const int MaxLength = 200;

    /// <summary>The paths by name (<see cref="Sha256Path"/> is internal, so a public test method cannot take it).</summary>
    public static TheoryData<string> AllPaths => new()
    {
        nameof(Sha256Path.Scalar), nameof(Sha256Path.Vector256), nameof(Sha256Path.Vector512),
        nameof(Sha256Path.Vector256Portable), nameof(Sha256Path.Vector512Portable), nameof(Sha256Path.Auto),
    };

    private static Sha256Path PathOf(string name) => Enum.Parse<Sha256Path>(name);

    [Theory]
    [MemberData(nameof(AllPaths))]
    public void One_million_random_inputs_of_every_length_0_to_200_match_the_platform(string pathName)
    {
        var path = PathOf(pathName);
        // Half the lengths are uniform in 0..200, half in 0..64 so the one-block lanes (0..55) and the edge around them get
        // most of the work; the first 201 inputs take every length once, so no length is left to chance.
        var random = new Random(7000 + (int)path);
        var lengthsSeen = new int[MaxLength + 1];
        var checker = new Checker(path, capacity: 48);
        var done = 0;
        while (done < InputsPerPath)
        {
            var count = Math.Min(random.Next(1, 49), InputsPerPath - done);
            checker.Begin();
            for (var i = 0; i < count; i++)
            {
                var n = done + i;
                var length = n <= MaxLength ? n : random.Next(2) == 0 ? random.Next(MaxLength + 1) : random.Next(65);
                checker.Add(random, length);
                lengthsSeen[length]++;
            }
            checker.HashAndCompare(random);
            done += count;
        }

        Assert.All(lengthsSeen, seen => Assert.True(seen > 0));
        Assert.Equal(InputsPerPath, lengthsSeen.Sum());
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public void Block_edge_lengths_in_mixed_batches_match_the_platform(string pathName)
    {
        var path = PathOf(pathName);
        // 55 is the longest one-block message; 56..64 need a second block for the length; 65 spills the message itself.
        int[] edges = [0, 1, 3, 4, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128];
        var random = new Random(8000 + (int)path);
        var checker = new Checker(path, capacity: 40);
        for (var round = 0; round < 5_000; round++)
        {
            checker.Begin();
            var count = random.Next(1, 41);
            for (var i = 0; i < count; i++) checker.Add(random, edges[random.Next(edges.Length)]);
            checker.HashAndCompare(random);
        }
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public void Every_batch_size_up_to_40_puts_each_hash_in_its_slot_and_writes_nothing_past_the_end(string pathName)
    {
        var path = PathOf(pathName);
        // Sizes around 8 and 16 lanes, with long values (platform path) in random places and the values laid out in the
        // input in another order than their slots, so a hash written to the wrong slot or a lost lane cannot go unseen.
        var random = new Random(9000 + (int)path);
        var checker = new Checker(path, capacity: 40);
        for (var count = 0; count <= 40; count++)
        {
            for (var round = 0; round < 50; round++)
            {
                checker.Begin();
                for (var i = 0; i < count; i++)
                    checker.Add(random, random.Next(4) == 0 ? random.Next(56, MaxLength + 1) : random.Next(56));
                checker.HashAndCompare(random);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public void Equal_values_in_one_batch_get_equal_hashes(string pathName)
    {
        var path = PathOf(pathName);
        // The same bytes read through overlapping offsets by several lanes at once.
        var input = "john.doe@example.comjohn.doe@example.com"u8.ToArray();
        int[] offsets = [0, 20, 0, 20, 5, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20, 0, 20];
        int[] lengths = [20, 20, 20, 20, 15, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20, 20];
        var output = new byte[offsets.Length * 64];
        Sha256Batch.HashAll(input, offsets, lengths, output, path);
        for (var i = 0; i < offsets.Length; i++)
        {
            var expected = i == 4 ? Expected(input.AsSpan(5, 15)) : "836f82db99121b3481011f16b49dfa5fbc714a0d1b1b9f784a1ebbbf5b39577f";
            Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(output, i * 64, 64));
        }
    }

    [Theory]
    [MemberData(nameof(AllPaths))]
    public void Hashes_without_allocating_once_warm(string pathName)
    {
        var path = PathOf(pathName);
        var random = new Random(10_000 + (int)path);
        var input = new byte[40 * MaxLength];
        random.NextBytes(input);
        var offsets = new int[40];
        var lengths = new int[40];
        for (var i = 0; i < 40; i++)
        {
            offsets[i] = i * MaxLength;
            lengths[i] = i % 5 == 0 ? 150 : random.Next(56);
        }
        var output = new byte[40 * 64];

        void RunAll()
        {
            for (var round = 0; round < 200; round++)
                for (var count = 1; count <= 40; count += 3)
                    Sha256Batch.HashAll(input, offsets.AsSpan(0, count), lengths.AsSpan(0, count), output, path);
        }

        RunAll(); // warm-up: JIT, type initializers
        var before = GC.GetAllocatedBytesForCurrentThread();
        RunAll();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Auto_takes_the_widest_accelerated_vectors()
    {
        var expected = Vector512.IsHardwareAccelerated ? Sha256Path.Vector512
            : Vector256.IsHardwareAccelerated ? Sha256Path.Vector256
            : Sha256Path.Scalar;
        Assert.Equal(expected, Sha256MultiBuffer.AutoPath);
    }

    private static string Expected(ReadOnlySpan<byte> message) => PlatformHex.Lower(SHA256.HashData(message));

    /// <summary>Builds one batch at random places in a buffer, hashes it on one path and compares every slot with the platform.</summary>
    private sealed class Checker(Sha256Path path, int capacity)
    {
        private const byte Untouched = 0xCC;

        private readonly byte[] _input = new byte[capacity * (MaxLength + 8)];
        private readonly int[] _offsets = new int[capacity];
        private readonly int[] _lengths = new int[capacity];
        private readonly int[] _order = new int[capacity];
        private readonly byte[] _output = new byte[(capacity + 1) * 64];
        private readonly byte[] _digest = new byte[32];
        private readonly byte[] _hex = new byte[64];
        private int _count;

        public void Begin() => _count = 0;

        public void Add(Random random, int length) => _lengths[_count++] = length;

        public void HashAndCompare(Random random)
        {
            // Lay the values out in a shuffled order with random gaps, each filled with random bytes (0x00 and 0xFF
            // included), sometimes all 0x00 or all 0xFF.
            for (var i = 0; i < _count; i++) _order[i] = i;
            random.Shuffle(_order.AsSpan(0, _count));
            var position = 0;
            for (var i = 0; i < _count; i++)
            {
                var slot = _order[i];
                position += random.Next(8);
                _offsets[slot] = position;
                var bytes = _input.AsSpan(position, _lengths[slot]);
                switch (random.Next(16))
                {
                    case 0: bytes.Fill(0x00); break;
                    case 1: bytes.Fill(0xFF); break;
                    default: random.NextBytes(bytes); break;
                }
                position += _lengths[slot];
            }

            _output.AsSpan().Fill(Untouched);
            Sha256Batch.HashAll(_input.AsSpan(0, position), _offsets.AsSpan(0, _count), _lengths.AsSpan(0, _count), _output, path);

            for (var i = 0; i < _count; i++)
            {
                var message = _input.AsSpan(_offsets[i], _lengths[i]);
                SHA256.HashData(message, _digest);
                Assert.True(PlatformHex.TryLowerUtf8(_digest, _hex));
                if (!_output.AsSpan(i * 64, 64).SequenceEqual(_hex))
                    Assert.Fail($"{path}: slot {i} of {_count}, length {_lengths[i]}, message {Convert.ToHexString(message)}: "
                        + $"got {System.Text.Encoding.ASCII.GetString(_output, i * 64, 64)}, expected {System.Text.Encoding.ASCII.GetString(_hex)}");
            }
            Assert.True(!_output.AsSpan(_count * 64).ContainsAnyExcept(Untouched), $"{path}: bytes written past slot {_count - 1}");
        }
    }
}
