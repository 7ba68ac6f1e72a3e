using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>What the per-event rules need to know about the moment and the advertiser.</summary>
internal sealed record EventRuleSettings(
    DateTimeOffset Now, TimeSpan FutureTolerance, TimeSpan? MaxEventAge, IReadOnlySet<string> AdvertiserDefinedEvents);

/// <summary>One event after the per-event rules: what it was, whether it failed, and why.</summary>
internal sealed record EventOutcome(
    string EventName, EventName? StandardName, bool NameAccepted, string EventId, ActionSource? ActionSource, long EventTime,
    PinterestSignals Signals, string? Error, string? Warning)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// The rules Pinterest applies to each event of a request that passed the schema (docs/pinterest-api.md §3, §4.1, §4.7; the
/// contract's Sandbox paragraph). Pure functions: the clock and the advertiser's settings come in as arguments.
/// </summary>
internal static class EventRules
{
    /// <summary>Judges one event object of <c>data</c>. The schema has already checked its shape.</summary>
    public static EventOutcome Evaluate(JsonElement evt, EventRuleSettings settings)
    {
        var errors = new List<string>(1);
        var warnings = new List<string>(0);

        var name = evt.GetProperty("event_name").GetString()!;
        var standard = FindEventName(name, settings.AdvertiserDefinedEvents, out var nameError);
        Add(errors, nameError);

        var eventId = evt.GetProperty("event_id").GetString()!;
        if (eventId.Length == 0) errors.Add("'event_id' must not be empty");

        var sourceWire = evt.GetProperty("action_source").GetString()!;
        ActionSource? source = WireVocabulary.ActionSources.TryGetValue(sourceWire, out var s) ? s : null;
        if (source is null) errors.Add($"'action_source' must be one of {WireVocabulary.ActionSourceList}");

        var eventTime = UnixSeconds(evt.GetProperty("event_time"));
        Add(errors, CheckEventTime(eventTime, settings));

        var userData = evt.GetProperty("user_data");
        Add(errors, CheckUserIdentity(userData));
        foreach (var key in WireVocabulary.StrictHashedKeys)
        {
            if (!AllSha256(userData, key)) errors.Add(NotHashed(key));
        }
        foreach (var key in WireVocabulary.LenientHashedKeys)
        {
            if (!AllSha256(userData, key)) warnings.Add(NotHashed(key));
        }

        return new EventOutcome(
            name, standard, nameError is null, eventId, source, eventTime ?? 0, SignalsOf(userData),
            errors.Count == 0 ? null : string.Join("; ", errors),
            warnings.Count == 0 ? null : string.Join("; ", warnings));
    }

    /// <summary>
    /// A standard name (the 22 of the docs and Pinterest's GTM template, docs/pinterest-api.md §4.7) or one the advertiser defined,
    /// matched exactly; anything else is not accepted.
    /// </summary>
    public static EventName? FindEventName(string name, IReadOnlySet<string> advertiserDefined, out string? error)
    {
        error = null;
        if (WireVocabulary.EventNames.TryGetValue(name, out var standard)) return standard;
        if (!advertiserDefined.Contains(name))
            error = "'event_name' is neither a standard event name nor an advertiser-defined event of this ad account";
        return null;
    }

    /// <summary>
    /// "The event time cannot be in the future of when Pinterest receives the request" (docs/pinterest-api.md §4.1), with a small
    /// tolerance for clock skew; too old only when a maximum age is configured (Pinterest's limit is unknown). The message
    /// follows the one Pinterest returned for a stale event (docs/pinterest-api.md §3.2).
    /// </summary>
    public static string? CheckEventTime(long? eventTime, EventRuleSettings settings)
    {
        var now = settings.Now.ToUnixTimeSeconds();
        if (eventTime is not { } t)
            return "Invalid event_timestamp parameter. Given timestamp is not a Unix time in seconds.";
        if (t > now + (long)settings.FutureTolerance.TotalSeconds)
            return Timestamp("in the future", now, t);
        if (settings.MaxEventAge is { } maxAge && t < now - (long)maxAge.TotalSeconds)
            return Timestamp("in the past", now, t);
        return null;
    }

    /// <summary>
    /// An event_time as Unix seconds: any JSON integer, including one written <c>1.0</c> or <c>1e9</c>, as JSON Schema's
    /// <c>integer</c> allows; null when it is not integral or does not fit 64 bits.
    /// </summary>
    public static long? UnixSeconds(JsonElement time) =>
        time.ValueKind != JsonValueKind.Number ? null
        : time.TryGetInt64(out var t) ? t
        : time.TryGetDecimal(out var d) && d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue ? (long)d
        : null;

    /// <summary>At least one of em, hashed_maids, or the pair client_ip_address + client_user_agent, with a value (docs/pinterest-api.md §2.3).</summary>
    public static string? CheckUserIdentity(JsonElement userData) =>
        HasValue(userData, WireVocabulary.Email)
        || HasValue(userData, WireVocabulary.MobileAdId)
        || (HasValue(userData, WireVocabulary.ClientIpAddress) && HasValue(userData, WireVocabulary.ClientUserAgent))
            ? null
            : $"'user_data' needs a value in {WireVocabulary.Email}, {WireVocabulary.MobileAdId}, or both {WireVocabulary.ClientIpAddress} and {WireVocabulary.ClientUserAgent}";

    /// <summary>The weighted signals an event carried: the user_data keys present with a value.</summary>
    public static PinterestSignals SignalsOf(JsonElement userData)
    {
        var signals = PinterestSignals.None;
        foreach (var (key, signal) in WireVocabulary.SignalKeys)
        {
            if (HasValue(userData, key)) signals |= signal;
        }
        return signals;
    }

    /// <summary>A SHA-256 as Pinterest's integrations recognise one: 64 hex digits, either case (docs/pinterest-api.md §2.3).</summary>
    public static bool IsSha256Hex(string value) => value.Length == 64 && value.AsSpan().IndexOfAnyExcept(s_hexDigits) < 0;

    private static readonly SearchValues<char> s_hexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    /// <summary>The message Pinterest uses for a hashed field that is not a hash (docs/pinterest-api.md §5.3).</summary>
    public static string NotHashed(string key) => $"'{key}' is not in sha256 hashed format";

    private static bool AllSha256(JsonElement userData, string key)
    {
        if (!userData.TryGetProperty(key, out var values) || values.ValueKind != JsonValueKind.Array) return true;
        foreach (var value in values.EnumerateArray())
        {
            if (value.ValueKind != JsonValueKind.String || !IsSha256Hex(value.GetString()!)) return false;
        }
        return true;
    }

    private static bool HasValue(JsonElement userData, string key) =>
        userData.TryGetProperty(key, out var value) && value.ValueKind switch
        {
            JsonValueKind.Array => value.GetArrayLength() > 0,
            JsonValueKind.String => value.GetString()!.Length > 0,
            _ => false,
        };

    private static string Timestamp(string when, long now, long given) => string.Create(CultureInfo.InvariantCulture,
        $"Invalid event_timestamp parameter. Given timestamp is {when}. Current timestamp: {now}, Given event_timestamp: {given}");

    private static void Add(List<string> list, string? message)
    {
        if (message is not null) list.Add(message);
    }
}
