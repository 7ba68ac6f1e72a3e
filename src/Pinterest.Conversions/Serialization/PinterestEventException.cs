namespace Pinterest.Conversions;

/// <summary>An event could not be written. The message names the reason and the fields, never a value.</summary>
public sealed class PinterestEventException : Exception
{
    /// <summary>Creates the exception from the event's report.</summary>
    public PinterestEventException(string eventName, PinterestEventReport report)
        : base($"The {Named(eventName)} event cannot be sent: {Describe(report.UnsendableReason)} ({report}).")
    {
        Report = report;
    }

    /// <summary>What writing the event found.</summary>
    public PinterestEventReport Report { get; }

    // A name chosen at run time that is not valid could hold anything: it is not repeated.
    private static string Named(string? eventName) => PinterestEventNames.IsValid(eventName) ? $"'{eventName}'" : PinterestEventNames.InvalidNamePlaceholder;

    private static string Describe(PinterestUnsendableReason reason) => reason switch
    {
        PinterestUnsendableReason.MissingEventId => "it has no event_id",
        PinterestUnsendableReason.MissingUserIdentity => "it carries no email, no mobile ad id, and not both IP address and user agent",
        PinterestUnsendableReason.InvalidActionSource => "its action source is not a defined ActionSource value",
        PinterestUnsendableReason.NullEvent => "the event is null",
        PinterestUnsendableReason.InvalidEventName => "its event name is neither a standard name nor a valid advertiser-defined name (1 to 100 of A-Z, a-z, 0-9, '_', '-')",
        _ => reason.ToString(),
    };
}
