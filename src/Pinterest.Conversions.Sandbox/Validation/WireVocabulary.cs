using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions.Sandbox.Validation;

/// <summary>
/// The wire names the sandbox checks against, all taken from the runtime's schema tables (the schema is the only place a
/// wire name is spelled): the 22 standard event names, the action sources, and the user_data keys behind each signal.
/// </summary>
internal static class WireVocabulary
{
    /// <summary>Standard event names by wire name (<c>add_to_cart</c>).</summary>
    public static IReadOnlyDictionary<string, EventName> EventNames { get; } = Enum.GetValues<EventName>()
        .ToDictionary(n => PinterestJsonNames.Of(n).Value, n => n, StringComparer.Ordinal);

    /// <summary>
    /// Standard event names as the Tag may spell them: the wire name, or the Tag's name without underscores in any case
    /// (<c>addtocart</c>, <c>AddToCart</c>).
    /// </summary>
    public static IReadOnlyDictionary<string, EventName> TagEventNames { get; } = EventNames
        .SelectMany(p => new[] { p, new KeyValuePair<string, EventName>(p.Key.Replace("_", "", StringComparison.Ordinal), p.Value) })
        .DistinctBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Action sources by wire name (<c>app_ios</c>).</summary>
    public static IReadOnlyDictionary<string, ActionSource> ActionSources { get; } = Enum.GetValues<ActionSource>()
        .ToDictionary(s => PinterestJsonNames.Of(s).Value, s => s, StringComparer.Ordinal);

    /// <summary>The action sources' wire names, for messages.</summary>
    public static string ActionSourceList { get; } = string.Join(", ", ActionSources.Keys);

    /// <summary>
    /// Each weighted signal with the user_data key that carries it. <see cref="PinterestSignals"/> members are named
    /// after the <see cref="PinterestField"/> they stand for (a test checks every one maps).
    /// </summary>
    public static IReadOnlyList<(string Key, PinterestSignals Signal)> SignalKeys { get; } = Enum.GetValues<PinterestSignals>()
        .Where(s => s != PinterestSignals.None)
        .Select(s => (PinterestJsonNames.Of(Enum.Parse<PinterestField>(s.ToString())).Value, s))
        .ToArray();

    /// <summary>Hashed keys whose value must be a SHA-256: anything else fails the event (Pinterest answers 422 for a plain em).</summary>
    public static IReadOnlyList<string> StrictHashedKeys { get; } = Keys(PinterestField.Email, PinterestField.MobileAdId, PinterestField.Phone);

    /// <summary>Hashed keys that are processed with a warning when not a SHA-256 (as Pinterest does for external_id).</summary>
    public static IReadOnlyList<string> LenientHashedKeys { get; } = Keys(
        PinterestField.FirstName, PinterestField.LastName, PinterestField.Gender, PinterestField.DateOfBirth, PinterestField.City,
        PinterestField.State, PinterestField.Zip, PinterestField.Country, PinterestField.ExternalId);

    /// <summary>The keys of the user identity rule: em, hashed_maids, client_ip_address, client_user_agent.</summary>
    public static string Email { get; } = Key(PinterestField.Email);

    /// <inheritdoc cref="Email"/>
    public static string MobileAdId { get; } = Key(PinterestField.MobileAdId);

    /// <inheritdoc cref="Email"/>
    public static string ClientIpAddress { get; } = Key(PinterestField.ClientIpAddress);

    /// <inheritdoc cref="Email"/>
    public static string ClientUserAgent { get; } = Key(PinterestField.ClientUserAgent);

    /// <summary>The name of a signal on the wire, for the health report (<c>em</c>, <c>client_ip_address</c>).</summary>
    public static IEnumerable<string> KeysOf(PinterestSignals signals) =>
        SignalKeys.Where(k => (signals & k.Signal) != 0).Select(k => k.Key);

    private static string Key(PinterestField field) => PinterestJsonNames.Of(field).Value;

    private static string[] Keys(params PinterestField[] fields) => fields.Select(Key).ToArray();
}
