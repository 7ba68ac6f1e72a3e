namespace Pinterest.Conversions.Benchmarks.Delivery;

/// <summary>The order the delivery harness enqueues: email, IP, user agent, value; web or offline.</summary>
[PinterestEvent(EventName.Checkout)]
public partial record HarnessOrder
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; } = ActionSource.Web;
    [MapTo(PinterestField.Email)] public string? Email { get; init; } = "Harness.Person@Example.com";
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } = "216.3.128.12";
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; } = "Mozilla/5.0 (X11; Linux x86_64)";
    [MapTo(PinterestField.Value)] public decimal Total { get; init; } = 72.39m;
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
}
