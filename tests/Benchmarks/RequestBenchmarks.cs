using System.Buffers;
using BenchmarkDotNet.Attributes;
using Pinterest.Conversions;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>(b) A 1000-event request body written to a reused buffer: time and bytes allocated per request.</summary>
[MemoryDiagnoser]
public class RequestBenchmarks
{
    private readonly CheckoutEvent[] _events = Enumerable.Range(0, 1000).Select(CheckoutEvent.Sample).ToArray();
    private readonly PinterestEventReport[] _reports = new PinterestEventReport[1000];
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * 1024 * 1024);

    [Benchmark(Description = "WriteRequest, 1000 checkout events")]
    public int WriteRequest()
    {
        _buffer.ResetWrittenCount();
        return PinterestJson.WriteRequest(_buffer, _events, PinterestWriteContext.Default, _reports);
    }
}
