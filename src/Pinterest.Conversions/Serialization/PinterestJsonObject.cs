using System.Buffers;
using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Pinterest.Conversions.Serialization;

/// <summary>
/// Writes the fields of one JSON object for generated code, applying the schema's rules on the way: absent values are
/// omitted, string arrays are de-duplicated, numbers that must be strings are written as invariant strings, constraint
/// violations are dropped and reported. A lazy object (user_data, custom_data, ...) is only opened by its first value.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct PinterestJsonObject
{
    private readonly Utf8JsonWriter _writer;
    private readonly JsonEncodedText _name;
    private readonly ref PinterestReportBuilder _report;
    private readonly bool _tagData;
    private bool _started;

    /// <summary>An object that is opened, under <paramref name="name"/>, when its first value is written.</summary>
    public PinterestJsonObject(Utf8JsonWriter writer, JsonEncodedText name, ref PinterestReportBuilder report)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _name = name;
        _report = ref report;
    }

    /// <summary>An object that the caller has already opened (the event object, a line item).</summary>
    public PinterestJsonObject(Utf8JsonWriter writer, ref PinterestReportBuilder report)
        : this(writer, ref report, tagData: false)
    {
    }

    /// <summary>
    /// An object that the caller has already opened. With <paramref name="tagData"/> the names are the Pinterest Tag's
    /// parameters and money is written as numbers, as the Tag expects.
    /// </summary>
    public PinterestJsonObject(Utf8JsonWriter writer, ref PinterestReportBuilder report, bool tagData)
    {
        _writer = writer ?? throw new ArgumentNullException(nameof(writer));
        _report = ref report;
        _tagData = tagData;
        _started = true;
    }

    /// <summary>Closes a lazy object if a value opened it.</summary>
    public void End()
    {
        if (_started && _name.EncodedUtf8Bytes.Length > 0)
            _writer.WriteEndObject();
    }

    /// <summary>Writes a trimmed string; null, empty or whitespace is omitted.</summary>
    public void String(PinterestField field, string? value) => String(field, value.AsSpan());

    /// <summary>Writes a trimmed string; empty or whitespace is omitted.</summary>
    public void String(PinterestField field, scoped ReadOnlySpan<char> value)
    {
        value = value.Trim();
        if (value.IsEmpty) return;
        var info = PinterestSchema.GetField(field);
        if (info?.MaxLength is { } max && value.Length > max)
        {
            _report.Dropped(field, PinterestHashStatus.TooLong);
            return;
        }
        if (info?.AllowedValues is { } allowed && !IsAllowed(allowed, value))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        _writer.WriteString(Name(field), value);
        _report.Present(field);
    }

    /// <summary>Writes a trimmed IPv4 or IPv6 address; anything else is dropped as invalid, null or blank is omitted.</summary>
    public void IpAddress(PinterestField field, string? value)
    {
        var text = value.AsSpan().Trim();
        if (text.IsEmpty) return;
        if (!IpAddressText.IsValid(text))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        String(field, text);
    }

    /// <summary>Writes true; false is omitted (a non-nullable false says nothing).</summary>
    public void Boolean(PinterestField field, bool value)
    {
        if (value) Boolean(field, (bool?)true);
    }

    /// <summary>Writes true or false; null is omitted.</summary>
    public void Boolean(PinterestField field, bool? value)
    {
        if (value is not { } v) return;
        _writer.WriteBoolean(Name(field), v);
        _report.Present(field);
    }

    /// <summary>Writes an integer inside the schema's range; outside it the value is dropped as invalid.</summary>
    public void Integer(PinterestField field, long value)
    {
        var info = PinterestSchema.GetField(field);
        if ((info?.Minimum is { } min && value < min) || (info?.Maximum is { } max && value > max))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        _writer.WriteNumber(Name(field), value);
        _report.Present(field);
    }

    /// <summary>Writes an integer; null is omitted.</summary>
    public void Integer(PinterestField field, long? value)
    {
        if (value is { } v) Integer(field, v);
    }

    /// <summary>Writes money as an invariant JSON string, such as <c>"72.39"</c>.</summary>
    public void Money(PinterestField field, decimal value)
    {
        if (!MoneyInRange(field, value))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        Span<byte> utf8 = stackalloc byte[InvariantDecimal.MaxLength];
        if (InvariantDecimal.TryFormatUtf8(value, utf8, out var length)) MoneyText(field, utf8[..length]);
        else _report.Dropped(field, PinterestHashStatus.Invalid); // unreachable: the buffer fits every decimal
    }

    /// <summary>Writes money as an invariant JSON string; null is omitted.</summary>
    public void Money(PinterestField field, decimal? value)
    {
        if (value is { } v) Money(field, v);
    }

    /// <summary>Writes money as the shortest round-trip invariant string; NaN and infinities are dropped as invalid.</summary>
    public void Money(PinterestField field, double value)
    {
        if (!double.IsFinite(value) || !MoneyInRange(field, (double)value))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        MoneyCore(field, value);
    }

    /// <summary>Writes money; null is omitted, NaN and infinities are dropped as invalid.</summary>
    public void Money(PinterestField field, double? value)
    {
        if (value is { } v) Money(field, v);
    }

    /// <summary>Writes money as the shortest round-trip invariant string; NaN and infinities are dropped as invalid.</summary>
    public void Money(PinterestField field, float value)
    {
        if (!float.IsFinite(value) || !MoneyInRange(field, (double)value))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        MoneyCore(field, value);
    }

    /// <summary>Writes money; null is omitted, NaN and infinities are dropped as invalid.</summary>
    public void Money(PinterestField field, float? value)
    {
        if (value is { } v) Money(field, v);
    }

    /// <summary>Writes a whole money amount as an invariant string.</summary>
    public void Money(PinterestField field, long value)
    {
        if (!MoneyInRange(field, (decimal)value))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        MoneyCore(field, value);
    }

    /// <summary>Writes a whole money amount; null is omitted.</summary>
    public void Money(PinterestField field, long? value)
    {
        if (value is { } v) Money(field, v);
    }

    /// <summary>Writes the hashes of <paramref name="field"/> held by <paramref name="hashes"/> as an array; none is omitted.</summary>
    public void Hashes(PinterestField field, PinterestHashBatch hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        // A hash is 64 lowercase hex digits, which JSON never escapes: written as a raw quoted value, the writer skips
        // the escaping scan and UTF-8 validation it would give any other string.
        Span<byte> quoted = stackalloc byte[Sha256Hex.Length + 2];
        quoted[0] = (byte)'"';
        quoted[^1] = (byte)'"';
        var first = hashes.IndexOf(field, 0);
        if (first < 0) return;
        _writer.WriteStartArray(Name(field));
        for (var i = first; i >= 0; i = hashes.IndexOf(field, i + 1))
        {
            hashes.GetHashUtf8(i).CopyTo(quoted[1..]);
            _writer.WriteRawValue(quoted, skipInputValidation: true);
        }
        _writer.WriteEndArray();
        quoted.Clear();
    }

    /// <summary>Writes trimmed, distinct, non-empty strings as an array; none is omitted.</summary>
    public void Strings(PinterestField field, string?[]? values) => StringsCore(field, values);

    /// <summary>Writes trimmed, distinct, non-empty strings as an array; none is omitted.</summary>
    public void Strings(PinterestField field, List<string?>? values) => StringsCore(field, CollectionsMarshal.AsSpan(values));

    /// <summary>Writes trimmed, distinct, non-empty strings as an array; none is omitted.</summary>
    public void Strings(PinterestField field, ImmutableArray<string?> values) => StringsCore(field, values.IsDefault ? default : values.AsSpan());

    /// <summary>Writes trimmed, distinct, non-empty strings as an array; none is omitted.</summary>
    public void Strings(PinterestField field, IReadOnlyList<string?>? values)
    {
        if (values is null || values.Count == 0) return;
        var copy = ArrayPool<string?>.Shared.Rent(values.Count);
        try
        {
            for (var i = 0; i < values.Count; i++) copy[i] = values[i];
            StringsCore(field, copy.AsSpan(0, values.Count));
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(copy, clearArray: true);
        }
    }

    /// <summary>Writes trimmed, distinct, non-empty strings as an array; none is omitted.</summary>
    public void Strings(PinterestField field, HashSet<string?>? values)
    {
        if (values is null || values.Count == 0) return;
        var copy = ArrayPool<string?>.Shared.Rent(values.Count);
        try
        {
            values.CopyTo(copy);
            StringsCore(field, copy.AsSpan(0, values.Count));
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(copy, clearArray: true);
        }
    }

    /// <summary>Writes trimmed, distinct, non-empty strings as an array; none is omitted. Enumerates once.</summary>
    public void Strings(PinterestField field, IEnumerable<string?>? values)
    {
        switch (values)
        {
            case null: return;
            case string?[] array: StringsCore(field, array); return;
            case List<string?> list: Strings(field, list); return;
            case IReadOnlyList<string?> list: Strings(field, list); return;
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
            StringsCore(field, copy.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<string?>.Shared.Return(copy, clearArray: true);
        }
    }

    /// <summary>
    /// Writes opt_out_type: the mapped value, with <c>LDP</c> added when <paramref name="limitedDataProcessing"/> is true
    /// and the value does not list it already (a comma list, as Pinterest asks).
    /// </summary>
    public void OptOutType(PinterestField field, string? optOutType, bool? limitedDataProcessing)
    {
        var types = optOutType.AsSpan().Trim();
        if (limitedDataProcessing != true || ListsLimitedDataProcessing(types))
        {
            String(field, types);
            return;
        }
        if (types.IsEmpty)
        {
            String(field, LimitedDataProcessingFlag);
            return;
        }
        var combined = types.Length + 1 + LimitedDataProcessingFlag.Length <= 256
            ? stackalloc char[types.Length + 1 + LimitedDataProcessingFlag.Length]
            : new char[types.Length + 1 + LimitedDataProcessingFlag.Length];
        types.CopyTo(combined);
        combined[types.Length] = ',';
        LimitedDataProcessingFlag.AsSpan().CopyTo(combined[(types.Length + 1)..]);
        String(field, combined);
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

    /// <summary>Opens an array property for line items; the caller writes the items and closes it.</summary>
    public Utf8JsonWriter StartArray(PinterestField field)
    {
        _writer.WriteStartArray(Name(field));
        _report.Present(field);
        return _writer;
    }

    private void StringsCore(PinterestField field, ReadOnlySpan<string?> values)
    {
        // More distinct values than the schema allows: the field is dropped whole and reported, never cut silently.
        if (PinterestSchema.GetField(field)?.MaxItems is { } maxItems && CountDistinct(values, maxItems + 1) > maxItems)
        {
            _report.Dropped(field, PinterestHashStatus.TooLong);
            return;
        }
        var written = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i].AsSpan().Trim();
            if (value.IsEmpty || SeenBefore(values, i, value)) continue;
            if (written == 0) _writer.WriteStartArray(Name(field));
            _writer.WriteStringValue(value);
            written++;
        }
        if (written > 0)
        {
            _writer.WriteEndArray();
            _report.Present(field);
        }
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
    /// Within the schema's bounds for money (0 to 10^15: Pinterest parses it into a double, exact to the cent up to
    /// there, and a conversion is worth nothing less than zero).
    /// </summary>
    private static bool MoneyInRange(PinterestField field, decimal value)
    {
        var info = PinterestSchema.GetField(field);
        return !(info?.Minimum is { } min && value < min) && !(info?.Maximum is { } max && value > max);
    }

    private static bool MoneyInRange(PinterestField field, double value)
    {
        var info = PinterestSchema.GetField(field);
        return !(info?.Minimum is { } min && value < min) && !(info?.Maximum is { } max && value > max);
    }

    private void MoneyCore<T>(PinterestField field, T value) where T : IUtf8SpanFormattable
    {
        Span<byte> utf8 = stackalloc byte[64];
        if (!value.TryFormat(utf8, out var length, default, CultureInfo.InvariantCulture))
        {
            _report.Dropped(field, PinterestHashStatus.Invalid);
            return;
        }
        MoneyText(field, utf8[..length]);
    }

    private void MoneyText(PinterestField field, scoped ReadOnlySpan<byte> utf8)
    {
        // The API takes money as strings; the Tag takes numbers. The invariant text is valid JSON number syntax.
        if (!_tagData)
        {
            _writer.WriteString(Name(field), utf8);
        }
        else
        {
            _writer.WritePropertyName(Name(field));
            _writer.WriteRawValue(utf8, skipInputValidation: false);
        }
        _report.Present(field);
    }

    /// <summary>Opens a lazy object on its first value; returns the property name of <paramref name="field"/>.</summary>
    private JsonEncodedText Name(PinterestField field)
    {
        if (!_started)
        {
            _writer.WriteStartObject(_name);
            _started = true;
        }
        return _tagData ? PinterestJsonNames.TagOf(field) : PinterestJsonNames.Of(field);
    }

    private static bool IsAllowed(string[] allowed, ReadOnlySpan<char> value)
    {
        foreach (var candidate in allowed)
        {
            if (value.SequenceEqual(candidate)) return true;
        }
        return false;
    }
}
