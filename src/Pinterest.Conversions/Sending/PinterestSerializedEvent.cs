using System.Buffers;

namespace Pinterest.Conversions;

/// <summary>
/// One event already written as its JSON object (by <see cref="IPinterestEvent.WriteTo"/>), with its report. Queues
/// serialize at enqueue time and send these later; the caller owns <see cref="Json"/>'s memory.
/// </summary>
public readonly struct PinterestSerializedEvent
{
    /// <summary>Wraps an event written earlier.</summary>
    public PinterestSerializedEvent(string eventName, string eventId, ReadOnlyMemory<byte> json, PinterestEventReport report)
    {
        EventName = eventName;
        EventId = eventId;
        Json = json;
        Report = report;
    }

    /// <summary>The wire event name.</summary>
    public string EventName { get; }

    /// <summary>The event_id.</summary>
    public string EventId { get; }

    /// <summary>The event object's UTF-8 JSON; empty when the event was not written.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>What writing the event did.</summary>
    public PinterestEventReport Report { get; }

    /// <summary>
    /// Writes <paramref name="evt"/> into <paramref name="destination"/> and returns its report. Nothing is written
    /// when the event cannot be sent.
    /// </summary>
    public static PinterestEventReport Write<T>(in T evt, IBufferWriter<byte> destination, PinterestWriteContext context) where T : IPinterestEvent
    {
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        if (destination is null) throw new ArgumentNullException(nameof(destination));
        if (context is null) throw new ArgumentNullException(nameof(context));
        // The event writer's direct path: no Utf8JsonWriter between the event and the buffer.
        return Serialization.PinterestEventWriter.Write(in evt, destination, context);
    }
}
