using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>Every kind of type the contract accepts as an event compiles with the generated code and writes the same JSON.</summary>
public sealed class EventShapeTests
{
    private const string Expected =
        $$$"""{"event_name":"checkout","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"order-1","user_data":{"em":["{{{EventJson.JohnDoeEmailHash}}}"],"client_ip_address":"203.0.113.7","client_user_agent":"UA/1.0"},"custom_data":{"value":"72.39"}}""";

    [Fact]
    public void Partial_class()
    {
        using var compiled = CompiledEvents.Compile("""
            namespace Shop;

            [PinterestEvent(EventName.Checkout)]
            public partial class OrderPlaced
            {
                [MapTo(PinterestField.EventId)] public string? OrderNumber { get; set; }
                [MapTo(PinterestField.Email)] public string? Email { get; set; }
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; set; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; set; }
                [MapTo(PinterestField.Value)] public decimal Total { get; set; }
            }

            public static class Sample
            {
                public static IPinterestEvent Create() => new OrderPlaced
                {
                    OrderNumber = "order-1", Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", UserAgent = "UA/1.0", Total = 72.39m,
                };
            }
            """);

        Assert.Equal(Expected, EventJson.Serialize(compiled.Create("Shop.Sample.Create")));
    }
}
