using Microsoft.CodeAnalysis;

namespace Pinterest.Conversions.Generators.Analyzers;

/// <summary>
/// Every diagnostic of the toolkit, in one catalogue (Vogen's and Mapperly's practice). Each has a help page at
/// docs/diagnostics/&lt;id&gt;.md with a bad and a good example. The generator reports none of them.
/// </summary>
public static class DiagnosticDescriptors
{
    /// <summary>The category of every PINxxx diagnostic.</summary>
    public const string Category = "PinterestConversions";

    private const string HelpBase = "https://github.com/pinterest-conversions/pinterest-conversions/blob/main/docs/diagnostics/";

    /// <summary>PIN001: the event type or a type containing it is not partial.</summary>
    public static readonly DiagnosticDescriptor NotPartial = Error("PIN001",
        "Pinterest event types must be partial",
        "'{0}' must be partial so the generator can implement IPinterestEvent for '{1}'");

    /// <summary>PIN002: a member's type cannot carry the mapped field.</summary>
    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error("PIN002",
        "The member's type cannot carry the mapped field",
        "'{0}' of type '{1}' cannot be mapped to {2}: it takes {3}");

    /// <summary>PIN003: no event_id.</summary>
    public static readonly DiagnosticDescriptor MissingEventId = Error("PIN003",
        "The event has no event_id",
        "'{0}' has no event_id: map a member to PinterestField.EventId or set EventIdFormat, so Pinterest can deduplicate it against the Tag");

    /// <summary>PIN004: one wire path written by two sources.</summary>
    public static readonly DiagnosticDescriptor DuplicateSource = Error("PIN004",
        "A field is written by two sources",
        "{0} is written twice in '{1}': {2}");

    /// <summary>PIN005: EventIdFormat malformed or naming a missing member.</summary>
    public static readonly DiagnosticDescriptor InvalidEventIdFormat = Error("PIN005",
        "EventIdFormat is invalid",
        "EventIdFormat \"{0}\" is invalid: {1}");

    /// <summary>PIN006: a field mapped on the wrong kind of type.</summary>
    public static readonly DiagnosticDescriptor MisplacedField = Error("PIN006",
        "The field cannot be mapped on this type",
        "{0} cannot be mapped on '{1}': {2}");

    /// <summary>PIN007: the event can never be sent.</summary>
    public static readonly DiagnosticDescriptor NeverSendable = Error("PIN007",
        "The event can never be sent",
        "'{0}' can never be sent: map Email, MobileAdId, or both ClientIpAddress and ClientUserAgent (Pinterest requires one)");

    /// <summary>PIN008: an unsupported declaration.</summary>
    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error("PIN008",
        "The declaration is not supported",
        "'{0}' is not supported: {1}");

    /// <summary>PIN010: a checkout without email or mobile ad id.</summary>
    public static readonly DiagnosticDescriptor CheckoutWithoutEmail = Warning("PIN010",
        "A checkout event maps neither Email nor MobileAdId",
        "Checkout event '{0}' maps neither Email nor MobileAdId: its resilience is Poor");

    /// <summary>PIN011: a non-offline event without IP and user agent.</summary>
    public static readonly DiagnosticDescriptor MissingIpOrUserAgent = Warning("PIN011",
        "The event does not map both ClientIpAddress and ClientUserAgent",
        "'{0}' does not map {1}: Pinterest counts IP and user agent coverage over all events, so resilience is Poor");

    /// <summary>PIN012: Good but not Great.</summary>
    public static readonly DiagnosticDescriptor GoodNotGreat = new("PIN012",
        "The event is Good but not Great",
        "'{0}' is Good, not Great: it does not map {1}",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "PIN012.md");

    /// <summary>PIN013: an advertiser-defined event name, or one chosen at run time (which may be one).</summary>
    public static readonly DiagnosticDescriptor CustomEventName = Warning("PIN013",
        "Advertiser-defined or run-time event name",
        "{0}: it must match an event defined in Ads Manager exactly, or Pinterest will not track it");

    /// <summary>PIN014: an offline event.</summary>
    public static readonly DiagnosticDescriptor OfflineEvent = new("PIN014",
        "Offline events are never deduplicated",
        "'{0}' is an offline event: Pinterest never deduplicates it against the Tag, so send each one once",
        Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + "PIN014.md");

    /// <summary>PIN015: LDP without state and country.</summary>
    public static readonly DiagnosticDescriptor OptOutWithoutRegion = Warning("PIN015",
        "Limited Data Processing needs State and Country",
        "'{0}' maps {1} without {2}: Limited Data Processing applies only with the user's state and country");

    /// <summary>PIN016: a lower-funnel Tag event with no API event type.</summary>
    /// <remarks>Reported when the whole compilation was seen: tagged so the IDE computes it in full analysis.</remarks>
    public static readonly DiagnosticDescriptor TagEventNotSent = new("PIN016",
        "A lower-funnel Tag event is not sent through the API",
        "The site fires {0} with the Pinterest Tag but no [PinterestEvent] type sends it through the API: resilience is Poor",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "PIN016.md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PIN017: an event named at run time without a [PinterestEventName] member.</summary>
    public static readonly DiagnosticDescriptor MissingEventNameMember = Error("PIN017",
        "The event's name member is missing",
        "'{0}' is declared with [PinterestEvent] and no name, so one string member must carry [PinterestEventName]; none does");

    /// <summary>PIN018: more than one [PinterestEventName] member.</summary>
    public static readonly DiagnosticDescriptor DuplicateEventNameMember = Error("PIN018",
        "The event has more than one name member",
        "'{0}' has more than one [PinterestEventName] member ({1}): exactly one holds the event name");

    /// <summary>PIN019: a [PinterestEventName] member that is not a readable string.</summary>
    public static readonly DiagnosticDescriptor InvalidEventNameMember = Error("PIN019",
        "The event name member must be a readable string",
        "'{0}' of type '{1}' cannot hold the event name of '{2}': [PinterestEventName] takes a readable instance string property or field");

    /// <summary>PIN020: a [PinterestEventName] member on an event whose attribute names it.</summary>
    public static readonly DiagnosticDescriptor EventNameDeclaredTwice = Error("PIN020",
        "The event is named by its attribute and by a member",
        "'{0}' is marked [PinterestEventName], but [PinterestEvent({1})] on '{2}' already names the event: use [PinterestEvent] with no name, or remove the marker");

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
