using Pinterest.Conversions;

namespace Pinterest.Conversions.Samples.Console;

/// <summary>What every web event carries: taken from the HTTP request, never typed by hand.</summary>
public abstract record WebEvent
{
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
    [MapTo(PinterestField.EventSourceUrl)] public string? Url { get; init; }
}

/// <summary>A line of an order, mapped to custom_data.contents.</summary>
public sealed record OrderLine(
    [property: MapTo(PinterestField.ItemId)] string Sku,
    [property: MapTo(PinterestField.ItemPrice)] decimal Price,
    [property: MapTo(PinterestField.Quantity)] int Quantity);

/// <summary>A placed order: a checkout event.</summary>
[PinterestEvent(EventName.Checkout)]
public sealed partial record OrderPlaced : WebEvent
{
    [MapTo(PinterestField.EventId)] public required string OrderNumber { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset PlacedAt { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
    [MapTo(PinterestField.ContentIds)] public IReadOnlyList<string> Skus { get; init; } = [];
    [MapTo(PinterestField.Contents)] public List<OrderLine> Lines { get; init; } = [];
    [MapTo(PinterestField.OrderId)] public string? OrderId => OrderNumber;
}

/// <summary>A product page view, its event_id built from the page view id.</summary>
[PinterestEvent(EventName.PageVisit, EventIdFormat = "view-{ViewId}")]
public sealed partial record ProductViewed : WebEvent
{
    public Guid ViewId { get; init; } = Guid.NewGuid();
    [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
}
