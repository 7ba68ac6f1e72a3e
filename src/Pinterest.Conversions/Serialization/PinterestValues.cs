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

    /// <summary>Unix seconds of <paramref name="value"/>; the default value means "now" by the context's clock.</summary>
    public static long UnixSeconds(DateTimeOffset value, PinterestWriteContext context) =>
        value == default ? context.GetUnixTimeSeconds() : value.ToUnixTimeSeconds();

    /// <summary>Unix seconds; null means now.</summary>
    public static long UnixSeconds(DateTimeOffset? value, PinterestWriteContext context) => UnixSeconds(value.GetValueOrDefault(), context);

    /// <summary>Unix seconds; a Kind Unspecified time is taken as UTC, a Local one converted; the default value means now.</summary>
    public static long UnixSeconds(DateTime value, PinterestWriteContext context)
    {
        if (value == default) return context.GetUnixTimeSeconds();
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        return new DateTimeOffset(utc).ToUnixTimeSeconds();
    }

    /// <summary>Unix seconds; null means now.</summary>
    public static long UnixSeconds(DateTime? value, PinterestWriteContext context) => UnixSeconds(value.GetValueOrDefault(), context);

    /// <summary>Unix seconds as given; 0 means now.</summary>
    public static long UnixSeconds(long value, PinterestWriteContext context) => value == 0 ? context.GetUnixTimeSeconds() : value;

    /// <summary>Unix seconds as given; null or 0 means now.</summary>
    public static long UnixSeconds(long? value, PinterestWriteContext context) => UnixSeconds(value.GetValueOrDefault(), context);

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
