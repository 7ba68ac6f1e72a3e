using System.Buffers;

namespace Pinterest.Conversions.Serialization;

/// <summary>
/// What <see cref="PinterestEventWriter"/> needs between the steps of writing, kept per thread so that steady-state
/// writing allocates nothing: the hash batch shared by the events of a request, each prepared event's report and ranges,
/// the escaped event_ids, and an output buffer for callers that hand over a <see cref="System.Text.Json.Utf8JsonWriter"/>.
/// Everything that held a value is wiped when it is given back.
/// </summary>
internal sealed class EventWriterScratch
{
    // Past these, what one unusual request made grow is dropped rather than kept for the thread's life.
    private const int MaxRetainedArenaBytes = 256 * 1024;
    private const int MaxRetainedOutputBytes = 256 * 1024;

    [ThreadStatic] private static EventWriterScratch? t_cached;

    // In use by a writer on this thread: one read of the thread-static per event, none to give it back.
    private bool _inUse;

    private EventWriterScratch()
    {
    }

    /// <summary>Every identity value of the events being written, normalized, then hashed together.</summary>
    public PinterestHashBatch Hashes { get; } = PinterestHashBatch.Create();

    /// <summary>One entry per event of the request: what preparing it found.</summary>
    public PreparedEvent[] Events { get; private set; } = new PreparedEvent[16];

    /// <summary>Escaped event_ids (and events written by a hand-written WriteTo), back to back.</summary>
    public ScratchBuffer Arena { get; private set; } = new(1024);

    /// <summary>One event's JSON, for <see cref="System.Text.Json.Utf8JsonWriter"/> callers and the Tag.</summary>
    public ScratchBuffer Output { get; private set; } = new(2048);

    /// <summary>Room for building one EventIdFormat id (longer ids rent from the pool, and are too long to send anyway).</summary>
    public char[] EventIdChars { get; } = new char[2 * PinterestEventWriter.MaxEventIdLength];

    /// <summary>Takes this thread's scratch, or a new one when it is in use (an event written from inside another's getter).</summary>
    public static EventWriterScratch Rent()
    {
        var scratch = t_cached ??= new EventWriterScratch();
        if (scratch._inUse) return new EventWriterScratch { _inUse = true };
        scratch._inUse = true;
        return scratch;
    }

    /// <summary>Wipes what <paramref name="scratch"/> held; the thread's own is then free for the next <see cref="Rent"/>.</summary>
    public static void Return(EventWriterScratch scratch)
    {
        scratch.Hashes.ResetForReuse();
        scratch.Arena = scratch.Arena.Wipe(MaxRetainedArenaBytes);
        scratch.Output = scratch.Output.Wipe(MaxRetainedOutputBytes);
        scratch._inUse = false;
    }

    /// <summary>Room for <paramref name="count"/> prepared events (at most a request's 1000).</summary>
    public Span<PreparedEvent> EventsFor(int count)
    {
        if (Events.Length < count) Events = new PreparedEvent[Math.Max(count, Events.Length * 2)];
        return Events.AsSpan(0, count);
    }
}

/// <summary>What preparing one event found: its report so far, and where its hashes, event_id and run-time event name are in the scratch.</summary>
internal struct PreparedEvent
{
    public EventReportState Report;
    public int HashStart;
    public int HashEnd;
    public int EventIdStart;
    public int EventIdLength;
    public int EventNameStart;
    public int EventNameLength;
    public bool HasPassThrough;
}

/// <summary>A growable byte buffer over one array, reused and wiped; an <see cref="IBufferWriter{T}"/> for the writer.</summary>
internal sealed class ScratchBuffer : IBufferWriter<byte>
{
    private byte[] _buffer;
    private int _written;

    public ScratchBuffer(int capacity) => _buffer = new byte[capacity];

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written)) throw new ArgumentOutOfRangeException(nameof(count));
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Forgets what was written since <paramref name="length"/> bytes, wiping it.</summary>
    public void Truncate(int length)
    {
        _buffer.AsSpan(length, _written - length).Clear();
        _written = length;
    }

    /// <summary>Wipes what was written; returns this buffer, or a smaller new one when it grew past <paramref name="maxRetained"/>.</summary>
    public ScratchBuffer Wipe(int maxRetained)
    {
        _buffer.AsSpan(0, _written).Clear();
        _written = 0;
        return _buffer.Length > maxRetained ? new ScratchBuffer(maxRetained / 64) : this;
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1) sizeHint = 256;
        if (_buffer.Length - _written >= sizeHint) return;
        var larger = new byte[Math.Max(_buffer.Length * 2, _written + sizeHint)];
        _buffer.AsSpan(0, _written).CopyTo(larger);
        _buffer.AsSpan(0, _written).Clear(); // the old array held values: wipe it before it is dropped
        _buffer = larger;
    }
}
