namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>A web checkout with its own event_time, for the outbox page's tests.</summary>
[PinterestEvent(EventName.Checkout)]
public partial record WebOrder
{
    [MapTo(PinterestField.EventId)] public required string OrderId { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
}

/// <summary>An order taken in a physical store: offline, never resent on its own when its outcome is unknown.</summary>
[PinterestEvent(EventName.Checkout, ActionSource = ActionSource.Offline)]
public partial record StoreOrder
{
    [MapTo(PinterestField.EventId)] public required string OrderId { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
    [MapTo(PinterestField.Email)] public required string Email { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
}
