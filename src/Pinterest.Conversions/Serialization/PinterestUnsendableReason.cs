namespace Pinterest.Conversions;

/// <summary>Why an event was not written.</summary>
public enum PinterestUnsendableReason
{
    /// <summary>The event was written.</summary>
    None = 0,

    /// <summary>No event_id: the mapped member is null or empty, or an <c>EventIdFormat</c> placeholder is.</summary>
    MissingEventId = 1,

    /// <summary>No email, no mobile ad id, and not both IP address and user agent after normalization: Pinterest requires one.</summary>
    MissingUserIdentity = 2,

    /// <summary>A mapped action source holds a value that is not a defined <see cref="ActionSource"/>.</summary>
    InvalidActionSource = 3,

    /// <summary>The event itself is null (an element of the array given to <c>PinterestJson.WriteRequest</c>).</summary>
    NullEvent = 4,

    /// <summary>The event_id is longer than 256 characters (docs/generator.md, "Values checked at run time"): Pinterest deduplicates on it, so it is not cut.</summary>
    EventIdTooLong = 5,

    /// <summary>
    /// A non-nullable mapped event time holds its default value (or 0 Unix seconds): a bug in the caller, not "now".
    /// Make the member nullable to mean now.
    /// </summary>
    EventTimeMissing = 6,

    /// <summary>
    /// The <c>[PinterestEventName]</c> member of an event named at run time holds neither a standard wire name (such as
    /// <c>checkout</c>) nor a valid advertiser-defined name (1 to 100 of <c>[A-Za-z0-9_-]</c>): null, empty, too long,
    /// or another character (docs/generator.md, "Event names chosen at run time").
    /// </summary>
    InvalidEventName = 7,
}
