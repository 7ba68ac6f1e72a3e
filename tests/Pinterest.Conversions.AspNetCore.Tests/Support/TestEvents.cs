namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>A line item whose texts reach the Tag's event data (product_name, product_category).</summary>
public sealed record Line(
    [property: MapTo(PinterestField.ItemId)] string Sku,
    [property: MapTo(PinterestField.ItemName)] string Name,
    [property: MapTo(PinterestField.ItemCategory)] string Category,
    [property: MapTo(PinterestField.ItemPrice)] decimal Price,
    [property: MapTo(PinterestField.Quantity)] int Quantity);

/// <summary>A checkout whose every Tag parameter can carry a hostile string.</summary>
[PinterestEvent(EventName.Checkout)]
public partial record Purchase
{
    [MapTo(PinterestField.EventId)] public required string OrderId { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Currency)] public string? Currency { get; init; }
    [MapTo(PinterestField.Contents)] public Line[] Lines { get; init; } = [];
    [MapTo(PinterestField.OrderId)] public string? OrderNumber { get; init; }
}

/// <summary>A search: search_query is free text typed by the visitor.</summary>
[PinterestEvent(EventName.Search)]
public partial record Searched
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.SearchString)] public string? Query { get; init; }
}

/// <summary>A lead from a visitor under Limited Data Processing: the Tag sets opt_out_type before tracking.</summary>
[PinterestEvent(EventName.Lead)]
public partial record ConsentingLead
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.State)] public string? State { get; init; }
    [MapTo(PinterestField.Country)] public string? Country { get; init; }
    [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; }
    [MapTo(PinterestField.OptOutType)] public string? OptOutType { get; init; }
}

/// <summary>An event whose name a tenant configured: the Tag tracks the same name, or nothing when it is not valid.</summary>
#pragma warning disable PIN013 // names chosen at run time are the point of this type
[PinterestEvent]
#pragma warning restore PIN013
public partial record TenantEvent
{
    [PinterestEventName] public string? Name { get; init; }
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
}
