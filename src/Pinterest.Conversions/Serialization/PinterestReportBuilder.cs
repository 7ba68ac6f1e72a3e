using System.ComponentModel;

namespace Pinterest.Conversions.Serialization;

/// <summary>Builds a <see cref="PinterestEventReport"/> while generated code writes an event. Not for direct use.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public struct PinterestReportBuilder
{
    private PinterestSignals _signals;
    private FieldMask _invalid;
    private FieldMask _tooLong;

    /// <summary>Starts a report for an event from <paramref name="actionSource"/>.</summary>
    public PinterestReportBuilder(ActionSource actionSource) => ActionSource = actionSource;

    /// <summary>The action source written.</summary>
    public ActionSource ActionSource { get; set; }

    /// <summary>The event_time written, Unix seconds.</summary>
    public long EventTime { get; set; }

    /// <summary>The signals recorded so far.</summary>
    public readonly PinterestSignals Signals => _signals;

    /// <summary>Records the outcome of one hashed value: a signal when hashed or passed through, a drop when invalid or too long.</summary>
    public void Hashed(PinterestField field, PinterestHashStatus status)
    {
        switch (status)
        {
            case PinterestHashStatus.Hashed or PinterestHashStatus.PassedThrough:
                Present(field);
                break;
            case PinterestHashStatus.Invalid or PinterestHashStatus.TooLong:
                Dropped(field, status);
                break;
        }
    }

    /// <summary>Records that a field was written (a signal when the field is weighted).</summary>
    public void Present(PinterestField field) => _signals |= PinterestSchema.GetField(field)?.Signal ?? PinterestSignals.None;

    /// <summary>
    /// Records a client IP address before the identity check: present when it is IPv4 or IPv6 text, dropped as invalid
    /// otherwise (then it counts for nothing); null or blank records nothing.
    /// </summary>
    public void IpAddress(PinterestField field, string? value)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty) return;
        if (IpAddressText.IsValid(text)) Present(field);
        else Dropped(field, PinterestHashStatus.Invalid);
    }

    /// <summary>Records that a field's value was dropped, and why.</summary>
    public void Dropped(PinterestField field, PinterestHashStatus reason)
    {
        if (reason == PinterestHashStatus.TooLong) _tooLong = _tooLong.With(field);
        else _invalid = _invalid.With(field);
    }

    /// <summary>True when Pinterest can match the event: an email, a mobile ad id, or both IP address and user agent.</summary>
    public readonly bool HasUserIdentity =>
        PinterestResilience.HasEmailOrMobileAdId(_signals) || PinterestResilience.HasIpAndUserAgent(_signals);

    /// <summary>The report of an event that was not written.</summary>
    public readonly PinterestEventReport Unsendable(PinterestUnsendableReason reason) =>
        new(false, reason, _signals, ActionSource, 0, _invalid, _tooLong);

    /// <summary>The report of an event that was written.</summary>
    public readonly PinterestEventReport Written() =>
        new(true, PinterestUnsendableReason.None, _signals, ActionSource, EventTime, _invalid, _tooLong);
}
