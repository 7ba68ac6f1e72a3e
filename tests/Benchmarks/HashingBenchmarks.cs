using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>(d) The multi-value hash entry point against SHA256.HashData per value, and normalizers against string code.</summary>
[MemoryDiagnoser]
public class HashingBenchmarks
{
    private readonly byte[] _input;
    private readonly int[] _offsets;
    private readonly int[] _lengths;
    private readonly byte[] _input16;
    private readonly int[] _offsets16;
    private readonly int[] _lengths16;
    private readonly byte[] _hex = new byte[16 * 64];
    private readonly byte[] _digest = new byte[32];
    private readonly char[] _destination = new char[64];

    public HashingBenchmarks()
    {
        string[] values = ["john.doe@example.com", "16169547888", "doe", "john", "menlopark", "ca", "94025", "us"];
        _input = Encoding.UTF8.GetBytes(string.Concat(values));
        _lengths = values.Select(v => Encoding.UTF8.GetByteCount(v)).ToArray();
        _offsets = new int[values.Length];
        for (var i = 1; i < values.Length; i++) _offsets[i] = _offsets[i - 1] + _lengths[i - 1];

        // Two events' worth: what hashing across the events of a request would give each vector pass.
        _input16 = [.. _input, .. _input];
        _offsets16 = [.. _offsets, .. _offsets.Select(o => o + _input.Length)];
        _lengths16 = [.. _lengths, .. _lengths];
    }

    [Benchmark(Baseline = true, Description = "SHA256.HashData per value, 8 values")]
    public byte PlatformPerValue()
    {
        for (var i = 0; i < _offsets.Length; i++) SHA256.HashData(_input.AsSpan(_offsets[i], _lengths[i]), _digest);
        return _digest[0];
    }

    [Benchmark(Description = "Sha256Batch.HashAll (hex out), 8 values")]
    public byte MultiValue()
    {
        Sha256Batch.HashAll(_input, _offsets, _lengths, _hex);
        return _hex[0];
    }

    [Benchmark(Description = "Sha256Batch.HashAll (hex out), 16 values")]
    public byte MultiValueSixteen()
    {
        Sha256Batch.HashAll(_input16, _offsets16, _lengths16, _hex);
        return _hex[0];
    }

    [Benchmark(Description = "email: PinterestHash.TryEmail")]
    public int EmailNormalizer() => (int)PinterestHash.TryEmail("  John.Doe@Example.COM ", _destination, out _);

    [Benchmark(Description = "email: Trim().ToLowerInvariant() + SHA256 + hex")]
    public int EmailUsual() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("  John.Doe@Example.COM ".Trim().ToLowerInvariant()))).ToLowerInvariant().Length;

    [Benchmark(Description = "phone: PinterestHash.TryPhone")]
    public int PhoneNormalizer() => (int)PinterestHash.TryPhone("+1 (616) 954-78 88", _destination, out _);

    [Benchmark(Description = "phone: digits by LINQ + SHA256 + hex")]
    public int PhoneUsual() =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(new string("+1 (616) 954-78 88".Where(char.IsDigit).ToArray())))).ToLowerInvariant().Length;
}
