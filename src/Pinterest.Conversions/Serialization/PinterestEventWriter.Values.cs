using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Pinterest.Conversions.Serialization;

// The write step: each method writes one property by its rule, or leaves it out (absent) or drops it (reported). Names
// come in as generated code spells them: quoted UTF-8 with the colon, such as "\"currency\":"u8.
public ref partial struct PinterestEventWriter
{
    /// <summary>Writes the action source decided by <see cref="ActionSource(Conversions.ActionSource)"/>, quoted.</summary>
    public void ActionSourceValue() => Raw(WireValues.Quoted(_report.ActionSource));

    /// <summary>Writes the event time decided by the prepare step, Unix seconds.</summary>
    public void EventTimeValue() => Number(_report.EventTime);

    /// <summary>Writes the event name taken by <see cref="EventName(string)"/>, quoted.</summary>
    public void EventNameValue() => QuotedFromScratch(_eventNameStart, _eventNameLength);

    /// <summary>Writes the event_id taken by <see cref="EventId(string)"/>, quoted.</summary>
    public void EventIdValue() => QuotedFromScratch(_eventIdStart, _eventIdLength);

    // A value the prepare step escaped into the scratch (event_id, run-time event name), copied in quotes.
    private void QuotedFromScratch(int start, int length)
    {
        Ensure(length + 2);
        _buffer[_position++] = (byte)'"';
        _scratch.Arena.Slice(start, length).CopyTo(_buffer[_position..]);
        _position += length;
        _buffer[_position++] = (byte)'"';
    }

    /// <summary>Writes the event_id as a property when the last <c>EventId</c> call took one (the Tag, where it is optional).</summary>
    public void EventIdProperty(ReadOnlySpan<byte> name, bool present)
    {
        if (!present) return;
        Name(name);
        EventIdValue();
    }

    /// <summary>Writes a trimmed string; null, empty or whitespace is left out.</summary>
    public void String(ReadOnlySpan<byte> name, string? value)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty) return;
        Name(name);
        QuotedString(text);
    }

    /// <summary>
    /// Writes the context's default <c>partner_name</c>, if it has one: generated code calls it at the event's top level
    /// when the type does not map PartnerName. Not a Tag parameter.
    /// </summary>
    public void DefaultPartnerName()
    {
        if (_tagData || _context.DefaultPartnerName is not { } name) return;
        Name("\"partner_name\":"u8);
        QuotedString(name);
    }

    /// <summary>Writes a trimmed string of at most <paramref name="maxLength"/> characters; a longer one is dropped (TooLong).</summary>
    public void String(ReadOnlySpan<byte> name, string? value, PinterestField field, int maxLength)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty) return;
        if (text.Length > maxLength)
        {
            _report.Drop(field, PinterestHashStatus.TooLong);
            return;
        }
        Name(name);
        QuotedString(text);
    }

    /// <summary>Writes a trimmed string that must be one of the schema's values for <paramref name="field"/>; another is dropped (Invalid).</summary>
    public void Choice(ReadOnlySpan<byte> name, string? value, PinterestField field)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty) return;
        if (!IsAllowed(field, text))
        {
            _report.Drop(field, PinterestHashStatus.Invalid);
            return;
        }
        Name(name);
        QuotedString(text);
    }

    /// <summary>Writes client_ip_address when the prepare step found it valid (<see cref="IpAddress(string)"/>).</summary>
    public void IpAddress(ReadOnlySpan<byte> name, string? value)
    {
        if ((_report.Signals & PinterestSignals.ClientIpAddress) != 0) String(name, value);
    }

    /// <summary>Writes true; false is left out (a non-nullable false says nothing).</summary>
    public void Boolean(ReadOnlySpan<byte> name, bool value)
    {
        if (value) Raw(name, "true"u8);
    }

    /// <summary>Writes true or false; null is left out.</summary>
    public void Boolean(ReadOnlySpan<byte> name, bool? value)
    {
        if (value is { } v) Raw(name, v ? "true"u8 : "false"u8);
    }

    /// <summary>Writes an integer.</summary>
    public void Integer(ReadOnlySpan<byte> name, long value)
    {
        Name(name);
        Number(value);
    }

    /// <summary>Writes an integer; null is left out.</summary>
    public void Integer(ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } v) Integer(name, v);
    }

    /// <summary>Writes an integer within the schema's range; outside it the value is dropped (Invalid).</summary>
    public void Integer(ReadOnlySpan<byte> name, long value, PinterestField field, long minimum, long maximum)
    {
        if (value < minimum || value > maximum) _report.Drop(field, PinterestHashStatus.Invalid);
        else Integer(name, value);
    }

    /// <summary>Writes an integer within the schema's range; null is left out.</summary>
    public void Integer(ReadOnlySpan<byte> name, long? value, PinterestField field, long minimum, long maximum)
    {
        if (value is { } v) Integer(name, v, field, minimum, maximum);
    }

    /// <summary>
    /// Writes money within the schema's range (0 to 10^15: Pinterest parses it into a double, exact to the cent up to
    /// there) as an invariant string, such as <c>"72.39"</c>, or as a number for the Tag; outside it, dropped (Invalid).
    /// </summary>
    public void Money(ReadOnlySpan<byte> name, decimal value, PinterestField field, long minimum, long maximum)
    {
        Span<byte> text = stackalloc byte[InvariantDecimal.MaxLength];
        int length;
        // The usual amount (not negative, 64-bit digits) is checked and written in integers, not decimal arithmetic.
        if (InvariantDecimal.TryDecompose(value, out var digits, out var scale) && minimum <= 0)
        {
            if (!InvariantDecimal.IsAtMost(digits, scale, maximum))
            {
                _report.Drop(field, PinterestHashStatus.Invalid);
                return;
            }
            InvariantDecimal.TryFormatUtf8(digits, scale, text, out length);
        }
        else
        {
            if (value < minimum || value > maximum)
            {
                _report.Drop(field, PinterestHashStatus.Invalid);
                return;
            }
            InvariantDecimal.TryFormatUtf8(value, text, out length); // the buffer fits every decimal
        }
        MoneyText(name, text[..length]);
    }

    /// <summary>Writes money; null is left out.</summary>
    public void Money(ReadOnlySpan<byte> name, decimal? value, PinterestField field, long minimum, long maximum)
    {
        if (value is { } v) Money(name, v, field, minimum, maximum);
    }

    /// <summary>Writes money as the shortest round-trip invariant text; NaN, infinities and values out of range are dropped (Invalid).</summary>
    public void Money(ReadOnlySpan<byte> name, double value, PinterestField field, long minimum, long maximum)
    {
        if (!double.IsFinite(value) || value < minimum || value > maximum)
        {
            _report.Drop(field, PinterestHashStatus.Invalid);
            return;
        }
        Span<byte> text = stackalloc byte[64];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        MoneyText(name, text[..length]);
    }

    /// <summary>Writes money; null is left out.</summary>
    public void Money(ReadOnlySpan<byte> name, double? value, PinterestField field, long minimum, long maximum)
    {
        if (value is { } v) Money(name, v, field, minimum, maximum);
    }

    /// <summary>Writes money as the shortest round-trip invariant text; NaN, infinities and values out of range are dropped (Invalid).</summary>
    public void Money(ReadOnlySpan<byte> name, float value, PinterestField field, long minimum, long maximum)
    {
        if (!float.IsFinite(value) || (double)value < minimum || (double)value > maximum)
        {
            _report.Drop(field, PinterestHashStatus.Invalid);
            return;
        }
        Span<byte> text = stackalloc byte[64];
        value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        MoneyText(name, text[..length]);
    }

    /// <summary>Writes money; null is left out.</summary>
    public void Money(ReadOnlySpan<byte> name, float? value, PinterestField field, long minimum, long maximum)
    {
        if (value is { } v) Money(name, v, field, minimum, maximum);
    }

    /// <summary>Writes a whole money amount within the schema's range; outside it, dropped (Invalid).</summary>
    public void Money(ReadOnlySpan<byte> name, long value, PinterestField field, long minimum, long maximum)
    {
        if (value < minimum || value > maximum)
        {
            _report.Drop(field, PinterestHashStatus.Invalid);
            return;
        }
        Span<byte> text = stackalloc byte[20];
        Utf8Formatter.TryFormat(value, text, out var length);
        MoneyText(name, text[..length]);
    }

    /// <summary>Writes a whole money amount; null is left out.</summary>
    public void Money(ReadOnlySpan<byte> name, long? value, PinterestField field, long minimum, long maximum)
    {
        if (value is { } v) Money(name, v, field, minimum, maximum);
    }

    // The API takes money as strings; the Tag takes numbers. Invariant digits need no escaping either way.
    private void MoneyText(ReadOnlySpan<byte> name, scoped ReadOnlySpan<byte> text)
    {
        Name(name);
        if (_tagData)
        {
            Raw(text);
            return;
        }
        Ensure(text.Length + 2);
        _buffer[_position++] = (byte)'"';
        CopySmall(text, _buffer[_position..]);
        _position += text.Length;
        _buffer[_position++] = (byte)'"';
    }

    /// <summary>Writes the hashes of <paramref name="field"/> found by the prepare step as an array of 64 hex digits each; none is left out.</summary>
    public void Hashes(ReadOnlySpan<byte> name, PinterestField field)
    {
        // The prepare step added the values in the order they are written: this field's are the next run of the batch.
        var hashes = _scratch.Hashes;
        var start = _hashCursor;
        var end = start;
        while (end < _hashEnd && hashes.GetField(end) == field) end++;
        _hashCursor = end;
        if (start == end) return;

        Name(name);
        WriteByte((byte)'[');
        var first = true;
        for (var i = start; i < end; i++)
        {
            // A pre-hashed value can repeat the hash of another value of the field: it is written once.
            if (_hasPassThrough && hashes.IsRepeatedHash(start, i)) continue;
            // Lowercase hex never needs escaping: copied as it is, quoted.
            Ensure(Sha256Hex.Length + 3);
            if (!first) _buffer[_position++] = (byte)',';
            _buffer[_position++] = (byte)'"';
            CopyHash(hashes.GetHashUtf8(i), _buffer[_position..]);
            _position += Sha256Hex.Length;
            _buffer[_position++] = (byte)'"';
            first = false;
        }
        WriteByte((byte)']');
    }

    /// <summary>Writes trimmed, distinct, non-empty strings as an array of at most <paramref name="maxItems"/>; more are dropped whole (TooLong).</summary>
    public void Strings(ReadOnlySpan<byte> name, string?[]? values, PinterestField field, int maxItems) =>
        StringsCore(name, values, field, maxItems);

    /// <summary>Writes trimmed, distinct, non-empty strings as an array of at most <paramref name="maxItems"/>; more are dropped whole (TooLong).</summary>
    public void Strings(ReadOnlySpan<byte> name, List<string?>? values, PinterestField field, int maxItems) =>
        StringsCore(name, CollectionsMarshal.AsSpan(values), field, maxItems);

    /// <summary>Writes trimmed, distinct, non-empty strings as an array of at most <paramref name="maxItems"/>; more are dropped whole (TooLong).</summary>
    public void Strings(ReadOnlySpan<byte> name, ImmutableArray<string?> values, PinterestField field, int maxItems) =>
        StringsCore(name, values.IsDefault ? default : values.AsSpan(), field, maxItems);

    /// <summary>Writes trimmed, distinct, non-empty strings as an array of at most <paramref name="maxItems"/>; more are dropped whole (TooLong).</summary>
    public void Strings(ReadOnlySpan<byte> name, IReadOnlyList<string?>? values, PinterestField field, int maxItems)
    {
        if (values is null || values.Count == 0) return;
        var copy = ArrayPool<string?>.Shared.Rent(values.Count);
        try
        {
            for (var i = 0; i < values.Count; i++) copy[i] = values[i];
            StringsCore(name, copy.AsSpan(0, values.Count), field, maxItems);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(copy, clearArray: true);
        }
    }

    /// <summary>Writes trimmed, distinct, non-empty strings as an array of at most <paramref name="maxItems"/>; more are dropped whole (TooLong).</summary>
    public void Strings(ReadOnlySpan<byte> name, HashSet<string?>? values, PinterestField field, int maxItems)
    {
        if (values is null || values.Count == 0) return;
        var copy = ArrayPool<string?>.Shared.Rent(values.Count);
        try
        {
            values.CopyTo(copy);
            StringsCore(name, copy.AsSpan(0, values.Count), field, maxItems);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(copy, clearArray: true);
        }
    }

    /// <summary>Writes trimmed, distinct, non-empty strings as an array of at most <paramref name="maxItems"/>; enumerates once.</summary>
    public void Strings(ReadOnlySpan<byte> name, IEnumerable<string?>? values, PinterestField field, int maxItems)
    {
        switch (values)
        {
            case null: return;
            case string?[] array: StringsCore(name, array, field, maxItems); return;
            case List<string?> list: Strings(name, list, field, maxItems); return;
            case IReadOnlyList<string?> list: Strings(name, list, field, maxItems); return;
        }
        var copy = ArrayPool<string?>.Shared.Rent(16);
        var count = 0;
        try
        {
            foreach (var value in values)
            {
                if (count == copy.Length)
                {
                    var bigger = ArrayPool<string?>.Shared.Rent(count * 2);
                    copy.AsSpan(0, count).CopyTo(bigger);
                    ArrayPool<string?>.Shared.Return(copy, clearArray: true);
                    copy = bigger;
                }
                copy[count++] = value;
            }
            StringsCore(name, copy.AsSpan(0, count), field, maxItems);
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(copy, clearArray: true);
        }
    }

    private void StringsCore(ReadOnlySpan<byte> name, ReadOnlySpan<string?> values, PinterestField field, int maxItems)
    {
        // More distinct values than the schema allows: the field is dropped whole and reported, never cut silently.
        if (CountDistinct(values, maxItems + 1) > maxItems)
        {
            _report.Drop(field, PinterestHashStatus.TooLong);
            return;
        }
        var written = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i].AsSpan().Trim();
            if (value.IsEmpty || SeenBefore(values, i, value)) continue;
            if (written == 0)
            {
                Name(name);
                WriteByte((byte)'[');
            }
            else
            {
                WriteByte((byte)',');
            }
            QuotedString(value);
            written++;
        }
        if (written > 0) WriteByte((byte)']');
    }

    /// <summary>The distinct non-blank values, counted up to <paramref name="stopAt"/>.</summary>
    private static int CountDistinct(ReadOnlySpan<string?> values, int stopAt)
    {
        var count = 0;
        for (var i = 0; i < values.Length && count < stopAt; i++)
        {
            var value = values[i].AsSpan().Trim();
            if (!value.IsEmpty && !SeenBefore(values, i, value)) count++;
        }
        return count;
    }

    private static bool SeenBefore(ReadOnlySpan<string?> values, int index, ReadOnlySpan<char> value)
    {
        for (var j = 0; j < index; j++)
        {
            if (values[j].AsSpan().Trim().SequenceEqual(value)) return true;
        }
        return false;
    }

    /// <summary>
    /// Writes opt_out_type: the mapped value, with <c>LDP</c> added when <paramref name="limitedDataProcessing"/> is true
    /// and the value does not list it already (a comma list, as Pinterest asks).
    /// </summary>
    public void OptOutType(ReadOnlySpan<byte> name, string? optOutType, bool? limitedDataProcessing)
    {
        var types = optOutType.AsSpan().Trim();
        if (limitedDataProcessing != true || ListsLimitedDataProcessing(types))
        {
            if (types.IsEmpty) return;
            Name(name);
            QuotedString(types);
            return;
        }
        Name(name);
        if (types.IsEmpty)
        {
            QuotedString(LimitedDataProcessingFlag);
            return;
        }
        var length = types.Length + 1 + LimitedDataProcessingFlag.Length;
        var combined = length <= 256 ? stackalloc char[length] : new char[length];
        types.CopyTo(combined);
        combined[types.Length] = ',';
        LimitedDataProcessingFlag.AsSpan().CopyTo(combined[(types.Length + 1)..]);
        QuotedString(combined);
    }

    private const string LimitedDataProcessingFlag = "LDP";

    private static bool ListsLimitedDataProcessing(ReadOnlySpan<char> types)
    {
        while (!types.IsEmpty)
        {
            var comma = types.IndexOf(',');
            var token = comma < 0 ? types : types[..comma];
            if (token.Trim().Equals(LimitedDataProcessingFlag, StringComparison.OrdinalIgnoreCase)) return true;
            types = comma < 0 ? default : types[(comma + 1)..];
        }
        return false;
    }

    /// <summary>False, and <paramref name="field"/> dropped whole (TooLong), when <paramref name="count"/> items exceed <paramref name="maxItems"/>.</summary>
    public bool FitsMaxItems(PinterestField field, int count, int maxItems)
    {
        if (count <= maxItems) return true;
        _report.Drop(field, PinterestHashStatus.TooLong);
        return false;
    }

    private void Raw(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value)
    {
        Name(name);
        Raw(value);
    }

    private void Number(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer[_position..], out var length);
        _position += length;
    }

    private static bool IsAllowed(PinterestField field, ReadOnlySpan<char> value)
    {
        // The few fields with a closed list of values (device_info's form factor, network type, OS family).
        if (PinterestSchema.GetField(field)?.AllowedValues is not { } allowed) return true;
        foreach (var candidate in allowed)
        {
            if (value.SequenceEqual(candidate)) return true;
        }
        return false;
    }
}
