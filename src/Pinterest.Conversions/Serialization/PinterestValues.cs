using System.ComponentModel;

namespace Pinterest.Conversions.Serialization;

/// <summary>Conversions of typed member values to wire values, shared by all generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PinterestValues
{
    /// <summary>True when <paramref name="value"/> has text after trimming (what <c>PinterestJsonObject.String</c> writes).</summary>
    public static bool HasText(string? value) => !value.AsSpan().Trim().IsEmpty;

    /// <summary>True when <paramref name="source"/> is a defined action source with a wire name.</summary>
    public static bool IsDefined(ActionSource source) => PinterestSchema.GetWireName(source) is not null;

    /// <summary>The longest event_id sent (CONTRACT v3); a longer one makes the event unsendable, never cut.</summary>
    public const int MaxEventIdLength = 256;

    /// <summary>
    /// Unix seconds of a mapped event time; false when it holds the default value, which is a caller's bug
    /// (<see cref="PinterestUnsendableReason.EventTimeMissing"/>), not "now".
    /// </summary>
    public static bool TryUnixSeconds(DateTimeOffset value, PinterestWriteContext context, out long seconds)
    {
        seconds = value == default ? 0 : value.ToUnixTimeSeconds();
        return value != default;
    }

    /// <summary>Unix seconds; null means now (the context's clock), the default value is missing.</summary>
    public static bool TryUnixSeconds(DateTimeOffset? value, PinterestWriteContext context, out long seconds) =>
        value is { } v ? TryUnixSeconds(v, context, out seconds) : Now(context, out seconds);

    /// <summary>Unix seconds; a Kind Unspecified time is taken as UTC, a Local one converted; the default value is missing.</summary>
    public static bool TryUnixSeconds(DateTime value, PinterestWriteContext context, out long seconds)
    {
        seconds = 0;
        if (value == default) return false;
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        seconds = new DateTimeOffset(utc).ToUnixTimeSeconds();
        return true;
    }

    /// <summary>Unix seconds; null means now, the default value is missing.</summary>
    public static bool TryUnixSeconds(DateTime? value, PinterestWriteContext context, out long seconds) =>
        value is { } v ? TryUnixSeconds(v, context, out seconds) : Now(context, out seconds);

    /// <summary>Unix seconds as given; 0 is missing.</summary>
    public static bool TryUnixSeconds(long value, PinterestWriteContext context, out long seconds)
    {
        seconds = value;
        return value != 0;
    }

    /// <summary>Unix seconds as given; null means now, 0 is missing.</summary>
    public static bool TryUnixSeconds(long? value, PinterestWriteContext context, out long seconds) =>
        value is { } v ? TryUnixSeconds(v, context, out seconds) : Now(context, out seconds);

    private static bool Now(PinterestWriteContext context, out long seconds)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        seconds = context.GetUnixTimeSeconds();
        return true;
    }

    /// <summary>The date part of a date of birth; null for the default value (absent).</summary>
    public static DateOnly? Date(DateOnly value) => value == default ? null : value;

    /// <summary>The date part of a date of birth; null for null or the default value.</summary>
    public static DateOnly? Date(DateOnly? value) => value is { } v ? Date(v) : null;

    /// <summary>The calendar date as written (no time zone conversion); null for the default value.</summary>
    public static DateOnly? Date(DateTime value) => value == default ? null : DateOnly.FromDateTime(value);

    /// <summary>The calendar date as written; null for null or the default value.</summary>
    public static DateOnly? Date(DateTime? value) => value is { } v ? Date(v) : null;

    /// <summary>The calendar date in the value's own offset; null for the default value.</summary>
    public static DateOnly? Date(DateTimeOffset value) => value == default ? null : DateOnly.FromDateTime(value.DateTime);

    /// <summary>The calendar date in the value's own offset; null for null or the default value.</summary>
    public static DateOnly? Date(DateTimeOffset? value) => value is { } v ? Date(v) : null;
}
