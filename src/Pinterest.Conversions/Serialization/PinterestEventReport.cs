using System.Buffers.Binary;
using System.Text;

namespace Pinterest.Conversions;

/// <summary>
/// What writing one event did: written or not (and why), the identity signals it carried, and every field dropped with
/// its reason. Holds no personal value, so it is safe to log.
/// </summary>
public readonly struct PinterestEventReport : IEquatable<PinterestEventReport>
{
    private readonly FieldMask _invalid;
    private readonly FieldMask _tooLong;

    private readonly bool _isWritten;

    internal PinterestEventReport(
        bool isWritten, PinterestUnsendableReason unsendableReason, PinterestSignals signals, ActionSource actionSource, long eventTime,
        FieldMask invalid, FieldMask tooLong)
    {
        _isWritten = isWritten;
        UnsendableReason = unsendableReason;
        Signals = signals;
        ActionSource = actionSource;
        EventTime = eventTime;
        _invalid = invalid;
        _tooLong = tooLong;
    }

    /// <summary>The report as the event writer's working state (for events a hand-written WriteTo wrote).</summary>
    internal Serialization.EventReportState ToState() => new(ActionSource)
    {
        Signals = Signals, Invalid = _invalid, TooLong = _tooLong, EventTime = EventTime, UnsendableReason = UnsendableReason,
    };

    /// <summary>The size of <see cref="Pack"/>'s form, in bytes.</summary>
    public const int PackedSize = 52;

    private const byte PackedVersion = 1;

    /// <summary>
    /// Writes the report in a stable binary form of <see cref="PackedSize"/> bytes, for queues that store events and
    /// report on them later (<see cref="Unpack"/> reads it back). It holds no personal value.
    /// </summary>
    public void Pack(Span<byte> destination)
    {
        if (destination.Length < PackedSize) throw new ArgumentException($"The destination needs {PackedSize} bytes.", nameof(destination));
        destination[0] = PackedVersion;
        destination[1] = _isWritten ? (byte)1 : (byte)0;
        destination[2] = (byte)UnsendableReason;
        destination[3] = (byte)ActionSource;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[4..], (ulong)Signals);
        BinaryPrimitives.WriteInt64LittleEndian(destination[12..], EventTime);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[20..], _invalid.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[28..], _invalid.High);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[36..], _tooLong.Low);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[44..], _tooLong.High);
    }

    /// <summary>Reads a report written by <see cref="Pack"/>.</summary>
    /// <exception cref="ArgumentException">The bytes are not a packed report.</exception>
    public static PinterestEventReport Unpack(ReadOnlySpan<byte> source)
    {
        if (source.Length < PackedSize || source[0] != PackedVersion) throw new ArgumentException("Not a packed PinterestEventReport.", nameof(source));
        return new PinterestEventReport(
            source[1] == 1, (PinterestUnsendableReason)source[2], (PinterestSignals)BinaryPrimitives.ReadUInt64LittleEndian(source[4..]),
            (ActionSource)source[3], BinaryPrimitives.ReadInt64LittleEndian(source[12..]),
            new FieldMask(BinaryPrimitives.ReadUInt64LittleEndian(source[20..]), BinaryPrimitives.ReadUInt64LittleEndian(source[28..])),
            new FieldMask(BinaryPrimitives.ReadUInt64LittleEndian(source[36..]), BinaryPrimitives.ReadUInt64LittleEndian(source[44..])));
    }

    /// <summary>True when the event object was written.</summary>
    public bool IsWritten => _isWritten;

    /// <summary>Why the event was not written; <see cref="PinterestUnsendableReason.None"/> when it was.</summary>
    public PinterestUnsendableReason UnsendableReason { get; }

    /// <summary>The weighted identity signals the event carried (for the resilience health report).</summary>
    public PinterestSignals Signals { get; }

    /// <summary>The action source written (or that would have been).</summary>
    public ActionSource ActionSource { get; }

    /// <summary>The event_time written, Unix seconds; 0 when the event was not written.</summary>
    public long EventTime { get; }

    /// <summary>True when at least one field was dropped as invalid or too long.</summary>
    public bool HasDroppedFields => !_invalid.IsEmpty || !_tooLong.IsEmpty;

    /// <summary>Why <paramref name="field"/> was dropped, or null when it was not.</summary>
    public PinterestHashStatus? GetDropReason(PinterestField field) =>
        _tooLong.Contains(field) ? PinterestHashStatus.TooLong
        : _invalid.Contains(field) ? PinterestHashStatus.Invalid
        : null;

    /// <summary>Every dropped field with its reason, in field id order.</summary>
    public IEnumerable<PinterestDroppedField> DroppedFields
    {
        get
        {
            if (!HasDroppedFields) yield break;
            foreach (var info in PinterestSchema.Fields)
            {
                if (GetDropReason(info.Field) is { } reason)
                    yield return new PinterestDroppedField(info.Field, reason);
            }
        }
    }

    /// <summary>The resilience of this one event by the article's rules.</summary>
    public ResilienceAssessment AssessResilience(EventName? eventName) =>
        PinterestResilience.AssessEvent(Signals, eventName, ActionSource);

    /// <inheritdoc/>
    public bool Equals(PinterestEventReport other) =>
        _isWritten == other._isWritten && UnsendableReason == other.UnsendableReason && Signals == other.Signals && ActionSource == other.ActionSource
        && EventTime == other.EventTime && _invalid == other._invalid && _tooLong == other._tooLong;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PinterestEventReport other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_isWritten, UnsendableReason, Signals, ActionSource, EventTime, _invalid, _tooLong);

    /// <summary>Equal when every part is equal.</summary>
    public static bool operator ==(PinterestEventReport left, PinterestEventReport right) => left.Equals(right);

    /// <summary>Different when any part differs.</summary>
    public static bool operator !=(PinterestEventReport left, PinterestEventReport right) => !left.Equals(right);

    /// <summary>A one-line summary with field names and reasons, never values.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(IsWritten ? "written" : $"not written ({UnsendableReason})");
        text.Append("; signals: ").Append(Signals);
        foreach (var dropped in DroppedFields)
            text.Append("; dropped ").Append(PinterestSchema.GetField(dropped.Field)?.Path).Append(" (").Append(dropped.Status).Append(')');
        return text.ToString();
    }
}
