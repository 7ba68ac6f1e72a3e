using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pinterest.Conversions;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>
/// (b) A 1000-event request body written to a reused buffer: time and bytes allocated per request, against the usual
/// code, and against System.Text.Json writing the same events with every hash already computed (the writer's floor).
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private const int EventCount = 1000;
    private readonly CheckoutEvent[] _events = Enumerable.Range(0, EventCount).Select(CheckoutEvent.Sample).ToArray();
    private readonly CheckoutEvent[] _preHashedEvents = Enumerable.Range(0, EventCount).Select(CheckoutEvent.PreHashed).ToArray();
    private readonly Floors _floors = new(EventCount);
    private readonly PinterestEventReport[] _reports = new PinterestEventReport[EventCount];
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * 1024 * 1024);
    private Utf8JsonWriter _writer = null!;
    private UsualRequest _preHashed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new Utf8JsonWriter(_buffer);
        _preHashed = new UsualRequest { Data = _events.Select(UsualEvent.From).ToList() };
    }

    [Benchmark(Baseline = true, Description = "usual code, 1000 checkout events")]
    public int UsualCode()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        var request = new UsualRequest { Data = new List<UsualEvent>(EventCount) };
        foreach (var e in _events) request.Data.Add(UsualEvent.From(e));
        JsonSerializer.Serialize(_writer, request, UsualJsonContext.Default.UsualRequest);
        _writer.Flush();
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "PinterestJson.WriteRequest, 1000 checkout events")]
    public int WriteRequest()
    {
        _buffer.ResetWrittenCount();
        return PinterestJson.WriteRequest(_buffer, _events, PinterestWriteContext.Default, _reports);
    }

    [Benchmark(Description = "floor: normalizing the 8000 values")]
    public int NormalizingFloor() => _floors.Normalize();

    [Benchmark(Description = "floor: hashing the 8000 values (16-lane passes)")]
    public byte HashingFloor() => _floors.Hash();

    [Benchmark(Description = "floor: writing 1000 events whose values are already hashed")]
    public int WritingFloor()
    {
        _buffer.ResetWrittenCount();
        return PinterestJson.WriteRequest(_buffer, _preHashedEvents, PinterestWriteContext.Default, _reports);
    }

    [Benchmark(Description = "STJ source gen writing 1000 DTOs already hashed (no normalizing, no hashing)")]
    public int WriterFloor()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        JsonSerializer.Serialize(_writer, _preHashed, UsualJsonContext.Default.UsualRequest);
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}
