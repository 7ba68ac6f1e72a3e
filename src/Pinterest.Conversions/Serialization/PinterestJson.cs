using System.Buffers;
using System.Text;

namespace Pinterest.Conversions;

/// <summary>Serializes <see cref="IPinterestEvent"/>s to the JSON of the events endpoint.</summary>
// RS0026: the public contract fixes both WriteRequest overloads with their optional parameters.
#pragma warning disable RS0026
public static class PinterestJson
{
    /// <summary>Serializes one event object.</summary>
    /// <exception cref="PinterestEventException">The event cannot be sent; the message says why, without values.</exception>
    public static string Serialize<T>(T evt, PinterestWriteContext? context = null) where T : IPinterestEvent
    {
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        return Serialization.PinterestEventWriter.Serialize(in evt, context ?? PinterestWriteContext.Default);
    }

    /// <summary>Serializes a request body, <c>{"data":[...]}</c>, of the events that can be sent; the others are left out.</summary>
    public static string SerializeRequest<T>(IEnumerable<T> events, PinterestWriteContext? context = null) where T : IPinterestEvent
    {
        if (events is null) throw new ArgumentNullException(nameof(events));
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteRequest(buffer, events as T[] ?? events.ToArray(), context);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a request body of the events that can be sent, at most 1000, and returns how many it wrote. When
    /// <paramref name="reports"/> is given (as long as <paramref name="events"/>), it receives each event's report.
    /// </summary>
    public static int WriteRequest<T>(IBufferWriter<byte> destination, T[] events, PinterestWriteContext? context = null, Span<PinterestEventReport> reports = default)
        where T : IPinterestEvent
    {
        if (events is null) throw new ArgumentNullException(nameof(events));
        return WriteRequest(destination, new ReadOnlySpan<T>(events), context, reports);
    }

    /// <summary>
    /// Writes a request body of the events that can be sent, at most 1000, and returns how many it wrote. When
    /// <paramref name="reports"/> is given (as long as <paramref name="events"/>), it receives each event's report.
    /// </summary>
    public static int WriteRequest<T>(IBufferWriter<byte> destination, ReadOnlySpan<T> events, PinterestWriteContext? context = null, Span<PinterestEventReport> reports = default)
        where T : IPinterestEvent
    {
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        if (events.Length > PinterestSchema.MaxEventsPerRequest)
            throw new ArgumentOutOfRangeException(nameof(events), events.Length, $"A request holds at most {PinterestSchema.MaxEventsPerRequest} events.");
        if (!reports.IsEmpty && reports.Length < events.Length)
            throw new ArgumentException("The reports span must be at least as long as the events.", nameof(reports));

        return Serialization.PinterestEventWriter.WriteRequest(destination, events, context ?? PinterestWriteContext.Default, reports);
    }
}
#pragma warning restore RS0026
