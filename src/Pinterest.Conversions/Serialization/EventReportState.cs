namespace Pinterest.Conversions.Serialization;

/// <summary>
/// What a <see cref="PinterestEventReport"/> is made of while the event writer works: the signals found while preparing,
/// the fields dropped while preparing or writing, the action source and event time decided before writing.
/// </summary>
internal struct EventReportState
{
    public PinterestSignals Signals;
    public FieldMask Invalid;
    public FieldMask TooLong;
    public ActionSource ActionSource;
    public long EventTime;
    public PinterestUnsendableReason UnsendableReason;

    public EventReportState(ActionSource actionSource) : this() => ActionSource = actionSource;

    /// <summary>Pinterest can match the event: an email, a mobile ad id, or both IP address and user agent.</summary>
    public readonly bool HasUserIdentity =>
        PinterestResilience.HasEmailOrMobileAdId(Signals) || PinterestResilience.HasIpAndUserAgent(Signals);

    public void Drop(PinterestField field, PinterestHashStatus reason)
    {
        if (reason == PinterestHashStatus.TooLong) TooLong = TooLong.With(field);
        else Invalid = Invalid.With(field);
    }

    /// <summary>Records what became of one value of a hashed field: its signal, or a drop.</summary>
    public void Hashed(PinterestField field, PinterestSignals signal, PinterestHashStatus status)
    {
        switch (status)
        {
            case PinterestHashStatus.Hashed or PinterestHashStatus.PassedThrough:
                Signals |= signal;
                break;
            case PinterestHashStatus.Invalid or PinterestHashStatus.TooLong:
                Drop(field, status);
                break;
        }
    }

    public readonly PinterestEventReport Unsendable(PinterestUnsendableReason reason) =>
        new(false, reason, Signals, ActionSource, 0, Invalid, TooLong);

    public readonly PinterestEventReport Written() =>
        new(true, PinterestUnsendableReason.None, Signals, ActionSource, EventTime, Invalid, TooLong);

    /// <summary>The report as it stands: written unless a reason was recorded.</summary>
    public readonly PinterestEventReport ToReport() =>
        UnsendableReason == PinterestUnsendableReason.None ? Written() : Unsendable(UnsendableReason);
}
