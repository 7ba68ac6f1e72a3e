using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>WriteTagData: the Pinterest Tag's event data for the same event, under the Tag's parameter names.</summary>
public sealed class TagDataTests
{
    private const string Source = """
        namespace Shop;

        public sealed class Line
        {
            [MapTo(PinterestField.ItemId)] public string? Sku { get; init; }
            [MapTo(PinterestField.ItemPrice)] public decimal Price { get; init; }
            [MapTo(PinterestField.Quantity)] public int Quantity { get; init; }
            [MapTo(PinterestField.ItemName)] public string? Name { get; init; }
            [MapTo(PinterestField.ItemCategory)] public string? Category { get; init; }
            [MapTo(PinterestField.ItemBrand)] public string? Brand { get; init; }
        }

        [PinterestEvent(EventName.Checkout, EventIdFormat = "order-{Number}")]
        public partial record OrderPlaced
        {
            public string? Number { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = [];
            [MapTo(PinterestField.Value)] public double Total { get; init; }
            [MapTo(PinterestField.Currency)] public string? Currency { get; init; }
            [MapTo(PinterestField.NumItems)] public int? Count { get; init; }
            [MapTo(PinterestField.OrderId)] public string? OrderId => Number;
            [MapTo(PinterestField.SearchString)] public string? Query { get; init; }
            [MapTo(PinterestField.Contents)] public List<Line?> Lines { get; init; } = [];
            [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; }
        }

        public static class Sample
        {
            public static IPinterestEvent Full() => new OrderPlaced
            {
                Number = "1001", Email = "john.doe@example.com", Ip = "203.0.113.7", Skus = ["sku-1"], Total = 72.39, Currency = "USD", Count = 5,
                Query = "mugs", Ldp = true,
                Lines = [new Line { Sku = "sku-1", Price = 14.99m, Quantity = 3, Name = "Mug", Category = "Kitchen", Brand = "Acme" }, null, new Line { Sku = "sku-2", Price = 13.71m, Quantity = 2 }],
            };

            public static IPinterestEvent Sparse() => new OrderPlaced { Number = null, Total = double.NaN };
        }
        """;

    [Fact]
    public void Tag_data_has_the_same_event_id_and_the_tag_parameters()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var evt = compiled.Create("Shop.Sample.Full");

        Assert.Equal(
            """{"event_id":"order-1001","currency":"USD","value":72.39,"line_items":[{"product_id":"sku-1","product_price":14.99,"product_quantity":3,"product_name":"Mug","product_category":"Kitchen","product_brand":"Acme"},{"product_id":"sku-2","product_price":13.71,"product_quantity":2}],"order_quantity":5,"order_id":"1001","search_query":"mugs","opt_out_type":"LDP"}""",
            EventJson.TagData(evt));
        using var api = System.Text.Json.JsonDocument.Parse(EventJson.Serialize(evt));
        Assert.Equal("order-1001", api.RootElement.GetProperty("event_id").GetString());
        Assert.Equal("order-1001", evt.EventId);
    }

    [Fact]
    public void Tag_data_leaves_out_what_is_absent_even_when_the_event_cannot_be_sent()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var evt = compiled.Create("Shop.Sample.Sparse");

        Assert.Equal("{}", EventJson.TagData(evt));
        Assert.False(EventJson.Write(evt).Report.IsWritten);
    }

    // opt_out_type with Limited Data Processing merged: ValueTests.Limited_data_processing_merges_into_opt_out_type_for_the_API_and_the_Tag.

    [Fact]
    public void Tag_data_of_an_event_without_tag_fields_is_an_empty_object()
    {
        var (compiled, evt) = TestEvents.Create("""
                [MapTo(PinterestField.Email)] public string? Email { get; init; } = "a@example.com";
                [MapTo(PinterestField.ContentIds)] public string[] Skus { get; init; } = ["a"];
            """);
        using var _ = compiled;

        Assert.Equal("""{"event_id":"e-1"}""", EventJson.TagData(evt));
    }
}
