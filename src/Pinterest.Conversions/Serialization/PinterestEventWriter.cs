using System.Buffers;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Pinterest.Conversions.Serialization;

/// <summary>
/// The one writer generated code talks to. It owns the output, the event's report, the hash batch, and the nesting of
/// objects and arrays; generated code passes it what the generator decided at build time (wire names as UTF-8, the rule,
/// the limits), so nothing is looked up per value, and the rules themselves live here once. Not for direct use.
/// </summary>
/// <remarks>
/// An event goes through two steps: <see cref="IPinterestEvent.Prepare"/> decides whether it can be sent and normalizes
/// its identity values into the hash batch; the batch is hashed (across all the events of a request); then
/// <see cref="IPinterestEvent.Write"/> writes the JSON. The files of this type: the entry points (Entry), the prepare
/// step (Prepare), the values written (Values), and here the output and the nesting.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref partial struct PinterestEventWriter
{
    /// <summary>The longest event_id sent (docs/generator.md, "Values checked at run time"); a longer one makes the event unsendable, never cut.</summary>
    public const int MaxEventIdLength = 256;

    // What GetSpan asks the destination for at least: an event is about 1.5 KB, so a few calls cover a request.
    private const int MinimumChunk = 4096;

    private readonly EventWriterScratch _scratch;
    private readonly PinterestWriteContext _context;
    private readonly JsonStringEscaping _escaping;
    private readonly IBufferWriter<byte> _destination;
    private readonly bool _tagData;
    private Span<byte> _buffer;
    private int _position;

    // The event being prepared or written.
    private EventReportState _report;
    private int _hashCursor;
    private int _hashEnd;
    private bool _hasPassThrough;
    private int _eventIdStart;
    private int _eventIdLength;
    private int _eventNameStart;
    private int _eventNameLength;

    // Nesting: depth 0 is the event object, 1 an object in it (user_data, ...), 2 an array in that (contents), 3 an item.
    // Bit d of _opened: the container at depth d is written (user_data and the like open on their first member).
    // Bit d of _membered: it has a member, so the next one needs a comma.
    private int _depth;
    private int _opened;
    private int _membered;
    private ReadOnlySpan<byte> _opening1;
    private ReadOnlySpan<byte> _opening2;

    private PinterestEventWriter(EventWriterScratch scratch, IBufferWriter<byte> destination, PinterestWriteContext context, JsonStringEscaping escaping, bool tagData)
    {
        _scratch = scratch;
        _destination = destination;
        _context = context;
        _escaping = escaping;
        _tagData = tagData;
        _opened = 1;
        if (!tagData) scratch.Hashes.SetCheckedPhoneCountryCode(context.DefaultPhoneCountryCode);
    }

    /// <summary>Writes UTF-8 JSON as it is: the constant runs generated code knows at build time.</summary>
    public void Raw(scoped ReadOnlySpan<byte> json)
    {
        Ensure(json.Length);
        CopySmall(json, _buffer[_position..]);
        _position += json.Length;
    }

    /// <summary>
    /// Copies a short run (names, numbers: mostly under 32 bytes) with two overlapping moves instead of a call to the
    /// general copy, which a writer making 30 of them per event measurably paid for. <paramref name="destination"/> fits it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySmall(scoped ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if ((uint)destination.Length < (uint)source.Length) ThrowTooShort();
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(destination);
        var length = (nuint)source.Length;
        if (length is >= 16 and <= 32)
        {
            Vector128.LoadUnsafe(ref from).StoreUnsafe(ref to);
            Vector128.LoadUnsafe(ref from, length - 16).StoreUnsafe(ref to, length - 16);
        }
        else if (length is >= 8 and < 16)
        {
            Unsafe.WriteUnaligned(ref to, Unsafe.ReadUnaligned<ulong>(ref from));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref to, length - 8), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref from, length - 8)));
        }
        else
        {
            source.CopyTo(destination);
        }
    }

    private static void ThrowTooShort() => throw new InvalidOperationException("The output buffer is shorter than what was ensured.");

    /// <summary>Copies the 64 hex digits of a hash.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyHash(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        if (hex.Length != Sha256Hex.Length || destination.Length < Sha256Hex.Length) throw new ArgumentException("A hash is 64 hex digits.", nameof(hex));
        ref var from = ref MemoryMarshal.GetReference(hex);
        ref var to = ref MemoryMarshal.GetReference(destination);
        Vector256.LoadUnsafe(ref from).StoreUnsafe(ref to);
        Vector256.LoadUnsafe(ref from, 32).StoreUnsafe(ref to, 32);
    }

    /// <summary>
    /// Starts an object property, such as <c>"user_data":{</c>, that is written only when a member is: an object with no
    /// value is left out, like any absent value.
    /// </summary>
    public void StartObject(ReadOnlySpan<byte> opening) => StartContainer(opening);

    /// <summary>Ends the object started last (nothing is written when it had no member).</summary>
    public void EndObject() => EndContainer((byte)'}');

    /// <summary>Starts an array property of objects, such as <c>"contents":[</c>, written when its first item is.</summary>
    public void StartArray(ReadOnlySpan<byte> opening) => StartContainer(opening);

    /// <summary>Ends the array started last (nothing is written when it had no item).</summary>
    public void EndArray() => EndContainer((byte)']');

    /// <summary>Starts an object item of the array started last.</summary>
    public void StartItem()
    {
        BeginMember();
        WriteByte((byte)'{');
        _depth++;
        _opened |= 1 << _depth;
        _membered &= ~(1 << _depth);
    }

    /// <summary>Ends the item started last.</summary>
    public void EndItem()
    {
        WriteByte((byte)'}');
        _opened &= ~(1 << _depth);
        _depth--;
    }

    private void StartContainer(ReadOnlySpan<byte> opening)
    {
        _depth++;
        if (_depth == 1) _opening1 = opening;
        else _opening2 = opening;
        var bit = 1 << _depth;
        _opened &= ~bit;
        _membered &= ~bit;
    }

    private void EndContainer(byte closing)
    {
        if ((_opened & (1 << _depth)) != 0) WriteByte(closing);
        _opened &= ~(1 << _depth);
        _depth--;
    }

    /// <summary>Writes what comes before a member: the containers it opens, then a comma after an earlier member.</summary>
    private void BeginMember()
    {
        if ((_opened & (1 << _depth)) == 0) OpenContainers();
        var bit = 1 << _depth;
        if ((_membered & bit) != 0) WriteByte((byte)',');
        else _membered |= bit;
    }

    private void OpenContainers()
    {
        for (var depth = 1; depth <= _depth; depth++)
        {
            var bit = 1 << depth;
            if ((_opened & bit) != 0) continue;
            var parent = bit >> 1;
            if ((_membered & parent) != 0) WriteByte((byte)',');
            else _membered |= parent;
            Raw(depth == 1 ? _opening1 : _opening2);
            _opened |= bit;
        }
    }

    /// <summary>Writes a property name (quoted, with its colon, as generated code passes it) after what must come first.</summary>
    private void Name(scoped ReadOnlySpan<byte> name)
    {
        BeginMember();
        Raw(name);
    }

    private void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    /// <summary>Writes <paramref name="value"/> escaped, in quotes.</summary>
    private void QuotedString(scoped ReadOnlySpan<char> value)
    {
        Ensure(value.Length * JsonStringEscaping.MaxBytesPerChar + 2);
        var buffer = _buffer[_position..];
        buffer[0] = (byte)'"';
        var length = _escaping.Write(value, buffer[1..]);
        buffer[length + 1] = (byte)'"';
        _position += length + 2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Ensure(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position)) Grow(count);
    }

    private void Grow(int count)
    {
        if (_position > 0) _destination.Advance(_position);
        _position = 0;
        _buffer = _destination.GetSpan(Math.Max(count, MinimumChunk));
    }

    /// <summary>Commits what was written to the destination.</summary>
    private void Flush()
    {
        if (_position > 0) _destination.Advance(_position);
        _position = 0;
        _buffer = default;
    }
}
