using System.Buffers;
using System.Text.Json;

namespace Pinterest.Conversions.Serialization;

// The ways in: one event (to a Utf8JsonWriter or a buffer), a request of many, the Tag's event data, and the fallback
// for hand-written IPinterestEvent implementations. Each rents the thread's scratch and gives it back wiped.
public ref partial struct PinterestEventWriter
{
    private static readonly EventReportState s_nullEvent = new(Conversions.ActionSource.Web) { UnsendableReason = PinterestUnsendableReason.NullEvent };

    /// <summary>
    /// What generated <c>IPinterestEvent.WriteTo</c> does: prepares, hashes and writes <paramref name="evt"/>, then hands the
    /// event object to <paramref name="writer"/> as a raw value. Nothing is written when the event cannot be sent.
    /// </summary>
    public static PinterestEventReport WriteTo<T>(in T evt, Utf8JsonWriter writer, PinterestWriteContext context) where T : IPinterestEvent
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(context);
        var scratch = EventWriterScratch.Rent();
        try
        {
            var report = Write(in evt, scratch.Output, scratch, context);
            // Our own bytes, valid by construction: the writer only adds a separator if one is due.
            if (report.IsWritten) writer.WriteRawValue(scratch.Output.WrittenSpan, skipInputValidation: true);
            return report;
        }
        finally
        {
            EventWriterScratch.Return(scratch);
        }
    }

    /// <summary>Writes one event object into <paramref name="destination"/> (nothing when it cannot be sent).</summary>
    internal static PinterestEventReport Write<T>(in T evt, IBufferWriter<byte> destination, PinterestWriteContext context) where T : IPinterestEvent?
    {
        var scratch = EventWriterScratch.Rent();
        try
        {
            return Write(in evt, destination, scratch, context);
        }
        finally
        {
            EventWriterScratch.Return(scratch);
        }
    }

    /// <summary>Writes one event object as a string; throws when it cannot be sent.</summary>
    internal static string Serialize<T>(in T evt, PinterestWriteContext context) where T : IPinterestEvent
    {
        var scratch = EventWriterScratch.Rent();
        try
        {
            var report = Write(in evt, scratch.Output, scratch, context);
            if (!report.IsWritten) throw new PinterestEventException(evt.EventName, report);
            return System.Text.Encoding.UTF8.GetString(scratch.Output.WrittenSpan);
        }
        finally
        {
            EventWriterScratch.Return(scratch);
        }
    }

    private static PinterestEventReport Write<T>(in T evt, IBufferWriter<byte> destination, EventWriterScratch scratch, PinterestWriteContext context)
        where T : IPinterestEvent?
    {
        var writer = new PinterestEventWriter(scratch, destination, context, JsonStringEscaping.Api, tagData: false);
        ref var prepared = ref scratch.EventsFor(1)[0];
        if (!writer.Prepare(in evt, ref prepared)) return prepared.Report.ToReport();
        scratch.Hashes.HashPending();
        var report = writer.WriteEvent(in evt, in prepared);
        writer.Flush();
        return report;
    }

    /// <summary>
    /// Writes a request body, <c>{"data":[...]}</c>, of the events that can be sent and returns how many it wrote. Every
    /// event is prepared first, then the identity values of all of them are hashed together (a vector pass fills its 16
    /// lanes from several events), then the events are written.
    /// </summary>
    internal static int WriteRequest<T>(IBufferWriter<byte> destination, ReadOnlySpan<T> events, PinterestWriteContext context, Span<PinterestEventReport> reports)
        where T : IPinterestEvent
    {
        var scratch = EventWriterScratch.Rent();
        try
        {
            var writer = new PinterestEventWriter(scratch, destination, context, JsonStringEscaping.Api, tagData: false);
            var prepared = scratch.EventsFor(events.Length);
            for (var i = 0; i < events.Length; i++)
            {
                // 'is null' on a value type would box where the JIT does not optimize: only reference types can be null.
                if (!typeof(T).IsValueType && events[i] is null) prepared[i].Report = s_nullEvent;
                else writer.Prepare(in events[i], ref prepared[i]);
            }

            scratch.Hashes.HashPending();

            var written = 0;
            writer.Raw(Sending.PinterestRequestBody.Open);
            for (var i = 0; i < events.Length; i++)
            {
                PinterestEventReport report;
                if (prepared[i].Report.UnsendableReason != PinterestUnsendableReason.None)
                {
                    report = prepared[i].Report.ToReport();
                }
                else
                {
                    if (written++ > 0) writer.Raw(Sending.PinterestRequestBody.Separator);
                    report = writer.WriteEvent(in events[i], in prepared[i]);
                }
                if (!reports.IsEmpty) reports[i] = report;
            }
            writer.Raw(Sending.PinterestRequestBody.Close);
            writer.Flush();
            return written;
        }
        finally
        {
            EventWriterScratch.Return(scratch);
        }
    }

    /// <summary>The prepare step of one event; false (its report saying why) when it cannot be sent.</summary>
    private bool Prepare<T>(in T evt, ref PreparedEvent prepared) where T : IPinterestEvent?
    {
        var hashes = _scratch.Hashes;
        var arena = _scratch.Arena;
        var arenaStart = arena.WrittenCount;
        hashes.BeginEvent();
        prepared.HashStart = hashes.Count;
        _report = default;
        _hasPassThrough = false;
        _eventIdStart = _eventIdLength = 0;
        _eventNameStart = _eventNameLength = 0;

        var sendable = evt!.Prepare(ref this);

        if (sendable && _report.UnsendableReason != PinterestUnsendableReason.None) sendable = false;
        if (!sendable && _report.UnsendableReason == PinterestUnsendableReason.None)
            throw new InvalidOperationException($"{evt.GetType()}.Prepare refused the event without a reason."); // a hand-written implementation's bug
        prepared.Report = _report;
        if (!sendable)
        {
            // An event that cannot be sent costs nothing more: its values are never hashed, and are wiped now.
            hashes.DiscardEvent();
            arena.Truncate(arenaStart);
            return false;
        }
        prepared.HashEnd = hashes.Count;
        prepared.HasPassThrough = _hasPassThrough;
        prepared.EventIdStart = _eventIdStart;
        prepared.EventIdLength = _eventIdLength;
        prepared.EventNameStart = _eventNameStart;
        prepared.EventNameLength = _eventNameLength;
        return true;
    }

    /// <summary>The write step of a prepared event whose values are hashed.</summary>
    private PinterestEventReport WriteEvent<T>(in T evt, in PreparedEvent prepared) where T : IPinterestEvent?
    {
        _report = prepared.Report;
        _hashCursor = prepared.HashStart;
        _hashEnd = prepared.HashEnd;
        _hasPassThrough = prepared.HasPassThrough;
        _eventIdStart = prepared.EventIdStart;
        _eventIdLength = prepared.EventIdLength;
        _eventNameStart = prepared.EventNameStart;
        _eventNameLength = prepared.EventNameLength;
        // The event object's constant head (event_name, action_source, event_time, event_id) is always written first.
        _depth = 0;
        _opened = 1;
        _membered = 1;
        evt!.Write(ref this);
        return _report.Written();
    }

    /// <summary>Starts the Tag's event data for <paramref name="writer"/>, escaped with its encoder (HTML-safe by default).</summary>
    public static PinterestEventWriter StartTagData(Utf8JsonWriter writer, PinterestWriteContext context)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(context);
        var scratch = EventWriterScratch.Rent();
        var tag = new PinterestEventWriter(scratch, scratch.Output, context, JsonStringEscaping.For(writer.Options.Encoder), tagData: true);
        tag.Raw("{"u8);
        return tag;
    }

    /// <summary>Ends the Tag's event data and hands it to <paramref name="writer"/> as one object.</summary>
    public void EndTagData(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Raw("}"u8);
        Flush();
        writer.WriteRawValue(_scratch.Output.WrittenSpan, skipInputValidation: true);
    }

    /// <summary>Gives back what <see cref="StartTagData"/> took; call it in a finally block.</summary>
    public readonly void Dispose()
    {
        if (_tagData) EventWriterScratch.Return(_scratch);
    }

    /// <summary>The event name of a <c>[PinterestEventName]</c> member, for <c>IPinterestEvent.EventName</c>: empty when it is null.</summary>
    public static string EventNameOf(string? value) => value ?? string.Empty;

    /// <summary>The event_id of a mapped string, for <c>IPinterestEvent.EventId</c>: empty when it is blank.</summary>
    public static string EventIdOf(string? value) => string.IsNullOrWhiteSpace(value) ? string.Empty : value;

    /// <summary>The event_id of a formattable member, formatted with the invariant culture.</summary>
    public static string EventIdOf<T>(T value) where T : ISpanFormattable
    {
        var builder = new PinterestEventIdBuilder(stackalloc char[128]);
        try
        {
            builder.AppendFormatted(value);
            return builder.ToString();
        }
        finally
        {
            builder.Dispose();
        }
    }

    /// <summary>The event_id of a nullable formattable member; empty when it is null.</summary>
    public static string EventIdOf<T>(T? value) where T : struct, ISpanFormattable => value is { } v ? EventIdOf(v) : string.Empty;

    /// <summary>
    /// The prepare step of a hand-written <see cref="IPinterestEvent"/> (the interface's default): its own WriteTo writes
    /// the event now, into the scratch, and <see cref="WriteWrittenTo"/> copies it when the event's turn comes.
    /// </summary>
    internal bool PrepareWithWriteTo(IPinterestEvent evt)
    {
        var arena = _scratch.Arena;
        var start = arena.WrittenCount;
        var json = PinterestJsonWriterCache.Rent(arena);
        PinterestEventReport report;
        try
        {
            report = evt.WriteTo(json, _context);
            json.Flush();
        }
        finally
        {
            PinterestJsonWriterCache.Return(json);
        }
        _report = report.ToState();
        _eventIdStart = start;
        _eventIdLength = arena.WrittenCount - start;
        return report.IsWritten;
    }

    /// <summary>The write step of a hand-written <see cref="IPinterestEvent"/>: the object its WriteTo wrote.</summary>
    internal void WriteWrittenTo() => Raw(_scratch.Arena.Slice(_eventIdStart, _eventIdLength));
}
