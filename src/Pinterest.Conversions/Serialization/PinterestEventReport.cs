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
