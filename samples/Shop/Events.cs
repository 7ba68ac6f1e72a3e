using Pinterest.Conversions;

// What the shop's pages fire with the Pinterest Tag; the analyzers check each lower-funnel one is also sent by the API.
[assembly: UsesPinterestTag(EventName.PageVisit, EventName.AddToCart, EventName.Checkout)]

namespace Pinterest.Conversions.Samples.Shop;

/// <summary>What every web event of the shop carries, read from the request by <c>GetPinterestRequestContext()</c>.</summary>
public abstract record ShopEvent
{
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.ClickId)] public string? ClickId { get; init; }
    [MapTo(PinterestField.EventSourceUrl)] public string? Url { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
}

/// <summary>A line of the cart or of an order (custom_data.contents).</summary>
public sealed record CartLine(
    [property: MapTo(PinterestField.ItemId)] string Sku,
    [property: MapTo(PinterestField.ItemName)] string Name,
    [property: MapTo(PinterestField.ItemPrice)] decimal Price,
    [property: MapTo(PinterestField.Quantity)] int Quantity);

/// <summary>A product page was shown.</summary>
[PinterestEvent(EventName.PageVisit, EventIdFormat = "view-{ViewId}")]
public sealed partial record ProductViewed : ShopEvent
{
    public Guid ViewId { get; init; } = Guid.NewGuid();
    [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
}

/// <summary>A product was added to the cart.</summary>
[PinterestEvent(EventName.AddToCart, EventIdFormat = "cart-{AddId}")]
public sealed partial record AddedToCart : ShopEvent
{
    public Guid AddId { get; init; } = Guid.NewGuid();
    [MapTo(PinterestField.Value)] public decimal Value { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
    [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
    [MapTo(PinterestField.Contents)] public List<CartLine> Lines { get; init; } = [];
}

/// <summary>An order was placed on the site: the checkout conversion.</summary>
[PinterestEvent(EventName.Checkout)]
public sealed partial record OrderPlaced : ShopEvent
{
    [MapTo(PinterestField.EventId)] public required string OrderNumber { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
    [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
    [MapTo(PinterestField.Contents)] public List<CartLine> Lines { get; init; } = [];
    [MapTo(PinterestField.OrderId)] public string OrderId => OrderNumber;
}

/// <summary>An order taken in the shop's physical store: an offline checkout, never deduplicated.</summary>
[PinterestEvent(EventName.Checkout, ActionSource = ActionSource.Offline)]
public sealed partial record StoreOrderPlaced
{
    [MapTo(PinterestField.EventId)] public required string OrderNumber { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
    [MapTo(PinterestField.Email)] public required string Email { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
    [MapTo(PinterestField.OrderId)] public string OrderId => OrderNumber;
}
