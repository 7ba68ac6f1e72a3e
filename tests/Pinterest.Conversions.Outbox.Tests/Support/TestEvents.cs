namespace Pinterest.Conversions.Outbox.Tests;

/// <summary>A purchase with email, IP and user agent; the action source is a member, so tests send offline ones too.</summary>
[PinterestEvent(EventName.Checkout)]
public partial record Order
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset? At { get; init; }
    [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; } = ActionSource.Web;
    [MapTo(PinterestField.Email)] public string? Email { get; init; } = "Outbox.Person@Example.com";
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } = "216.3.128.12";
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; } = "Mozilla/5.0 (X11; Linux x86_64)";
    [MapTo(PinterestField.Value)] public decimal Total { get; init; } = 72.39m;
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
}
