using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pinterest.Conversions;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>(a) One realistic checkout written as JSON: generated WriteTo against the usual code and against SHA-256 alone.</summary>
[MemoryDiagnoser]
public class CheckoutEventBenchmarks
{
    private readonly CheckoutEvent _event = CheckoutEvent.Sample(1);
    private readonly CheckoutEvent _preHashed = CheckoutEvent.PreHashed(1);
    private readonly Floors _floors = new(1);
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private Utf8JsonWriter _writer = null!;
    private readonly PinterestWriteContext _context = PinterestWriteContext.Default;
    private readonly byte[][] _eightValues = new[] { "john.doe@example.com", "16169547888", "doe", "john", "menlopark", "ca", "94025", "us" }
        .Select(Encoding.UTF8.GetBytes).ToArray();
    private readonly byte[] _digest = new byte[32];

    [GlobalSetup]
    public void Setup() => _writer = new Utf8JsonWriter(_buffer);

    [Benchmark(Baseline = true, Description = "usual code (STJ source gen, string hashing)")]
    public int UsualCode()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var dto = UsualEvent.From(_event);
        JsonSerializer.Serialize(_writer, dto, UsualJsonContext.Default.UsualEvent);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "generated WriteTo")]
    public int GeneratedWriteTo()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        ((IPinterestEvent)_event).WriteTo(_writer, _context);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "generated code, into a buffer (the queue's and the client's path: no Utf8JsonWriter)")]
    public int GeneratedIntoBuffer()
    {
        _buffer.ResetWrittenCount();
        PinterestSerializedEvent.Write(_event, _buffer, _context);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "generated WriteTagData (the Pinterest Tag's event data for the same event)")]
    public int GeneratedWriteTagData()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        ((IPinterestEvent)_event).WriteTagData(_writer, _context);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "floor: normalizing the 8 values")]
    public int NormalizingFloor() => _floors.Normalize();

    [Benchmark(Description = "floor: hashing the 8 values (one 8-lane pass)")]
    public byte HashingFloor() => _floors.Hash();

    [Benchmark(Description = "floor: writing (the event with its 8 values already hashed)")]
    public int WritingFloor()
    {
        _buffer.ResetWrittenCount();
        PinterestSerializedEvent.Write(_preHashed, _buffer, _context);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "8 SHA256.HashData calls alone")]
    public byte EightPlatformHashes()
    {
        for (var i = 0; i < _eightValues.Length; i++) SHA256.HashData(_eightValues[i], _digest);
        return _digest[0];
    }
}
