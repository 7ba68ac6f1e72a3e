using Pinterest.Conversions;
using Pinterest.Conversions.Samples.Console;

// Annotated types in Events.cs; the generator wrote their serializers (see obj/**/generated after a build).
var order = new OrderPlaced
{
    OrderNumber = "order-1001",
    PlacedAt = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
    Email = "  John.Doe@Example.COM ",
    Phone = "+1 (616) 954-78 88",
    Ip = "203.0.113.7",
    UserAgent = "Mozilla/5.0 (X11; Linux x86_64)",
    Url = "https://shop.example/checkout",
    Total = 72.39m,
    Skus = ["sku-1", "sku-2"],
    Lines = [new("sku-1", 14.99m, 3), new("sku-2", 13.71m, 2)],
};

Console.WriteLine("One checkout event, normalized, hashed and written by generated code:");
Console.WriteLine(PinterestJson.Serialize(order));
Console.WriteLine();
Console.WriteLine("A request body with a page visit whose event_id comes from EventIdFormat:");
var view = new ProductViewed { Ip = "203.0.113.7", UserAgent = "Mozilla/5.0", Skus = ["sku-1"] };
Console.WriteLine(PinterestJson.SerializeRequest<IPinterestEvent>([order, view]));
