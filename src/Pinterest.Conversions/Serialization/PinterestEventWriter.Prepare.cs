namespace Pinterest.Conversions.Serialization;

// The prepare step: what decides whether the event can be sent, checked before anything is hashed or written, and every
// identity value normalized into the hash batch. Each check that fails records its reason and returns false.
public ref partial struct PinterestEventWriter
{
    /// <summary>Sets the action source; false (InvalidActionSource) when it is not a defined value.</summary>
    public bool ActionSource(Conversions.ActionSource value)
    {
        _report.ActionSource = value;
        return WireValues.IsDefined(value) || Unsendable(PinterestUnsendableReason.InvalidActionSource);
    }

    /// <summary>
    /// Takes an event name chosen at run time (a <c>[PinterestEventName]</c> member); false (InvalidEventName) unless it is
    /// a standard wire name or a valid advertiser-defined name. Taken as it is: nothing is trimmed or changed in case.
    /// </summary>
    public bool EventName(string? value)
    {
        if (!PinterestEventNames.IsValid(value)) return Unsendable(PinterestUnsendableReason.InvalidEventName);
        // Copied into the scratch, like the event_id, so the member is read once for both steps.
        var arena = _scratch.Arena;
        _eventNameStart = arena.WrittenCount;
        var span = arena.GetSpan(value!.Length * JsonStringEscaping.MaxBytesPerChar);
        _eventNameLength = _escaping.Write(value, span);
        arena.Advance(_eventNameLength);
        return true;
    }

    /// <summary>Takes a mapped string event_id as it is; false when it is blank (MissingEventId) or too long (EventIdTooLong).</summary>
    public bool EventId(string? value) => string.IsNullOrWhiteSpace(value)
        ? Unsendable(PinterestUnsendableReason.MissingEventId)
        : EventIdText(value);

    /// <summary>Takes a formattable event_id (a Guid, a number) formatted with the invariant culture.</summary>
    public bool EventId<T>(T value) where T : ISpanFormattable
    {
        var builder = EventIdBuilder();
        builder.AppendFormatted(value);
        return EventId(builder);
    }

    /// <summary>Takes a nullable formattable event_id; null is MissingEventId.</summary>
    public bool EventId<T>(T? value) where T : struct, ISpanFormattable =>
        value is { } v ? EventId(v) : Unsendable(PinterestUnsendableReason.MissingEventId);

    /// <summary>A builder for an <c>EventIdFormat</c> id, over memory this writer owns; hand it back to <see cref="EventId(PinterestEventIdBuilder)"/>.</summary>
    public readonly PinterestEventIdBuilder EventIdBuilder() => new(_scratch.EventIdChars);

    /// <summary>Takes the id <paramref name="builder"/> made (and disposes it); false when a placeholder was missing or the id is too long.</summary>
    public bool EventId(PinterestEventIdBuilder builder)
    {
        try
        {
            return builder.IsMissing || builder.Span.IsEmpty
                ? Unsendable(PinterestUnsendableReason.MissingEventId)
                : EventIdText(builder.Span);
        }
        finally
        {
            builder.Dispose();
        }
    }

    private bool EventIdText(scoped ReadOnlySpan<char> id)
    {
        if (_tagData) id = id.Trim(); // written as every Tag string is
        if (id.Length > MaxEventIdLength)
        {
            // The Tag leaves such an id out; the API cannot take the event at all (Pinterest deduplicates on it).
            _report.Drop(PinterestField.EventId, PinterestHashStatus.TooLong);
            return _tagData ? false : Unsendable(PinterestUnsendableReason.EventIdTooLong);
        }
        // Escaped once, into the scratch, and copied when the event is written: its getters are read once.
        var arena = _scratch.Arena;
        _eventIdStart = arena.WrittenCount;
        var span = arena.GetSpan(id.Length * JsonStringEscaping.MaxBytesPerChar);
        _eventIdLength = _escaping.Write(id, span);
        arena.Advance(_eventIdLength);
        return true;
    }

    /// <summary>Normalizes one value of a hashed field by <paramref name="rule"/> into the hash batch, and records its signal or its drop.</summary>
    public void Hash(PinterestField field, NormalizationRule rule, PinterestSignals signal, string? value, Hashing hashing = Hashing.Auto)
    {
        var status = _scratch.Hashes.Add(field, rule, value.AsSpan(), hashing);
        _hasPassThrough |= status == PinterestHashStatus.PassedThrough;
        _report.Hashed(field, signal, status);
    }

    /// <summary>Adds a typed date of birth as <c>yyyyMMdd</c>; the default value is absent.</summary>
    public void Hash(PinterestField field, PinterestSignals signal, DateOnly value)
    {
        if (value == default) return;
        _report.Hashed(field, signal, _scratch.Hashes.AddDate(field, value));
    }

    /// <summary>Adds a typed date of birth; null or the default value is absent.</summary>
    public void Hash(PinterestField field, PinterestSignals signal, DateOnly? value)
    {
        if (value is { } v) Hash(field, signal, v);
    }

    /// <summary>Adds the calendar date of a date of birth as written (no time zone conversion); the default value is absent.</summary>
    public void Hash(PinterestField field, PinterestSignals signal, DateTime value)
    {
        if (value != default) Hash(field, signal, DateOfBirthNormalizer.ToDate(value));
    }

    /// <summary>Adds the calendar date of a date of birth; null or the default value is absent.</summary>
    public void Hash(PinterestField field, PinterestSignals signal, DateTime? value)
    {
        if (value is { } v) Hash(field, signal, v);
    }

    /// <summary>Adds the calendar date of a date of birth in its own offset; the default value is absent.</summary>
    public void Hash(PinterestField field, PinterestSignals signal, DateTimeOffset value)
    {
        if (value != default) Hash(field, signal, DateOfBirthNormalizer.ToDate(value));
    }

    /// <summary>Adds the calendar date of a date of birth in its own offset; null or the default value is absent.</summary>
    public void Hash(PinterestField field, PinterestSignals signal, DateTimeOffset? value)
    {
        if (value is { } v) Hash(field, signal, v);
    }

    /// <summary>
    /// Records client_ip_address before the identity check: a signal when it is IPv4 or IPv6 text, dropped as invalid
    /// otherwise (then it counts for nothing); null or blank records nothing. Checked here once; writing trusts it.
    /// </summary>
    public void IpAddress(string? value)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty) return;
        if (IpAddressText.IsValid(text)) _report.Signals |= PinterestSignals.ClientIpAddress;
        else _report.Drop(PinterestField.ClientIpAddress, PinterestHashStatus.Invalid);
    }

    /// <summary>Records the signal of a plain string field (the user agent, the click id) when it has text.</summary>
    public void Present(PinterestSignals signal, string? value)
    {
        if (!value.AsSpan().Trim().IsEmpty) _report.Signals |= signal;
    }

    /// <summary>False (MissingUserIdentity) when Pinterest could not match the event: no email, no mobile ad id, not both IP and user agent.</summary>
    public bool RequireUserIdentity() =>
        _report.HasUserIdentity || Unsendable(PinterestUnsendableReason.MissingUserIdentity);

    /// <summary>The event time from a mapped member; the default value is a caller's bug (EventTimeMissing), not "now".</summary>
    public bool EventTime(DateTimeOffset value) =>
        value == default ? Unsendable(PinterestUnsendableReason.EventTimeMissing) : SetEventTime(value.ToUnixTimeSeconds());

    /// <summary>The event time from a nullable member: null means now (the context's clock).</summary>
    public bool EventTime(DateTimeOffset? value) => value is { } v ? EventTime(v) : EventTimeNow();

    /// <summary>The event time from a <see cref="DateTime"/>: Unspecified is taken as UTC, Local converted.</summary>
    public bool EventTime(DateTime value)
    {
        if (value == default) return Unsendable(PinterestUnsendableReason.EventTimeMissing);
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return SetEventTime(new DateTimeOffset(utc).ToUnixTimeSeconds());
    }

    /// <summary>The event time from a nullable <see cref="DateTime"/>: null means now.</summary>
    public bool EventTime(DateTime? value) => value is { } v ? EventTime(v) : EventTimeNow();

    /// <summary>The event time as Unix seconds; 0 is missing.</summary>
    public bool EventTime(long value) => value == 0 ? Unsendable(PinterestUnsendableReason.EventTimeMissing) : SetEventTime(value);

    /// <summary>The event time as nullable Unix seconds: null means now.</summary>
    public bool EventTime(long? value) => value is { } v ? EventTime(v) : EventTimeNow();

    /// <summary>No event time is mapped: now, by the context's clock.</summary>
    public bool EventTimeNow() => SetEventTime(_context.GetUnixTimeSeconds());

    private bool SetEventTime(long seconds)
    {
        _report.EventTime = seconds;
        return true;
    }

    private bool Unsendable(PinterestUnsendableReason reason)
    {
        _report.UnsendableReason = reason;
        return false;
    }
}
