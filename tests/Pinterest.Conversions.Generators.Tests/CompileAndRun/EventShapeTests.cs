using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>
/// Every kind of declaration the generator accepts as an event compiles together with its generated code (nullable on,
/// warnings as errors) and writes the same JSON.
/// </summary>
public sealed class EventShapeTests
{
    private const string Expected =
        $$$"""{"event_name":"checkout","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"order-1","user_data":{"em":["{{{EventJson.JohnDoeEmailHash}}}"],"client_ip_address":"203.0.113.7","client_user_agent":"UA/1.0"},"custom_data":{"value":"72.39"}}""";

    /// <summary>The mapped members every shape declares (init accessors work in classes and structs alike).</summary>
    private const string Members = """
            [MapTo(PinterestField.EventId)] public string? OrderNumber { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Value)] public decimal Total { get; init; }
        """;

    private const string Init = """{ OrderNumber = "order-1", Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", UserAgent = "UA/1.0", Total = 72.39m }""";

    private const string PositionalParameters = """
        [MapTo(PinterestField.EventId)] string OrderNumber,
            [MapTo(PinterestField.Email)] string? Email,
            [MapTo(PinterestField.ClientIpAddress)] string? Ip,
            [MapTo(PinterestField.ClientUserAgent)] string? UserAgent,
            [MapTo(PinterestField.Value)] decimal Total
        """;

    private const string PositionalArguments = """("order-1", "  John.Doe@Example.COM ", "203.0.113.7", "UA/1.0", 72.39m)""";

    /// <summary>Name of the case, the declarations, and the expression that creates the event.</summary>
    public static TheoryData<string, string, string> Shapes => new()
    {
        { "partial class", $$"""[PinterestEvent(EventName.Checkout)] public partial class OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "sealed internal class", $$"""[PinterestEvent(EventName.Checkout)] internal sealed partial class OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "record", $$"""[PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "sealed record class", $$"""[PinterestEvent(EventName.Checkout)] public sealed partial record class OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "positional record", $$"""[PinterestEvent(EventName.Checkout)] public partial record OrderPlaced({{PositionalParameters}});""", "new OrderPlaced" + PositionalArguments },
        { "positional record, property-targeted attributes", """
            [PinterestEvent(EventName.Checkout)]
            public partial record OrderPlaced(
                [property: MapTo(PinterestField.EventId)] string OrderNumber,
                [property: MapTo(PinterestField.Email)] string? Email,
                [property: MapTo(PinterestField.ClientIpAddress)] string? Ip,
                [property: MapTo(PinterestField.ClientUserAgent)] string? UserAgent,
                [property: MapTo(PinterestField.Value)] decimal Total);
            """, "new OrderPlaced" + PositionalArguments },
        { "struct", $$"""[PinterestEvent(EventName.Checkout)] public partial struct OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "record struct", $$"""[PinterestEvent(EventName.Checkout)] public partial record struct OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "positional record struct", $$"""[PinterestEvent(EventName.Checkout)] public partial record struct OrderPlaced({{PositionalParameters}});""", "new OrderPlaced" + PositionalArguments },
        { "readonly struct", $$"""[PinterestEvent(EventName.Checkout)] public readonly partial struct OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "readonly record struct", $$"""[PinterestEvent(EventName.Checkout)] public readonly partial record struct OrderPlaced { {{Members}} }""", "new OrderPlaced " + Init },
        { "positional readonly record struct", $$"""[PinterestEvent(EventName.Checkout)] public readonly partial record struct OrderPlaced({{PositionalParameters}});""", "new OrderPlaced" + PositionalArguments },
        { "class in class", $$"""public partial class Outer { [PinterestEvent(EventName.Checkout)] public partial class OrderPlaced { {{Members}} } }""", "new Outer.OrderPlaced " + Init },
        { "record in struct", $$"""public partial struct Outer { [PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} } }""", "new Outer.OrderPlaced " + Init },
        { "record struct in static class", $$"""public static partial class Events { [PinterestEvent(EventName.Checkout)] public partial record struct OrderPlaced { {{Members}} } }""", "new Events.OrderPlaced " + Init },
        { "struct in readonly record struct", $$"""public readonly partial record struct Outer { [PinterestEvent(EventName.Checkout)] public partial struct OrderPlaced { {{Members}} } }""", "new Outer.OrderPlaced " + Init },
        { "three levels deep", $$"""
            public abstract partial class A { internal sealed partial record B { [PinterestEvent(EventName.Checkout)] public partial class OrderPlaced { {{Members}} } } }
            """, "new A.B.OrderPlaced " + Init },
        { "private nested", $$"""
            public partial class Outer
            {
                [PinterestEvent(EventName.Checkout)] private partial class OrderPlaced { {{Members}} }
                public static IPinterestEvent Make() => new OrderPlaced {{Init}};
            }
            """, "Outer.Make()" },
        { "class with a primary constructor", $$"""
            [PinterestEvent(EventName.Checkout)]
            public partial class OrderPlaced(string number)
            {
                [MapTo(PinterestField.EventId)] public string OrderNumber { get; } = number;
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
                [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            }
            """, """new OrderPlaced("order-1") { Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", UserAgent = "UA/1.0", Total = 72.39m }""" },
        { "fields", """
            [PinterestEvent(EventName.Checkout)]
            public partial class OrderPlaced
            {
                [MapTo(PinterestField.EventId)] public string? OrderNumber;
                [MapTo(PinterestField.Email)] public string? Email;
                [MapTo(PinterestField.ClientIpAddress)] internal string? Ip;
                [MapTo(PinterestField.ClientUserAgent)] private readonly string? _userAgent = "UA/1.0";
                [MapTo(PinterestField.Value)] public decimal Total;
            }
            """, """new OrderPlaced { OrderNumber = "order-1", Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", Total = 72.39m }""" },
        { "required members and computed properties", """
            [PinterestEvent(EventName.Checkout)]
            public sealed partial record OrderPlaced
            {
                public required int Number { get; init; }
                [MapTo(PinterestField.EventId)] public string OrderNumber => "order-" + Number;
                [MapTo(PinterestField.Email)] public required string Email { get; init; }
                [MapTo(PinterestField.ClientIpAddress)] public required string Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string UserAgent { get; private set; } = "UA/1.0";
                [MapTo(PinterestField.Value)] public required decimal Total { get; init; }
            }
            """, """new OrderPlaced { Number = 1, Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", Total = 72.39m }""" },
        { "non-public accessors", """
            [PinterestEvent(EventName.Checkout)]
            public partial class OrderPlaced
            {
                public OrderPlaced(string ip) => Ip = ip;
                [MapTo(PinterestField.EventId)] protected string OrderNumber { get; set; } = "order-1";
                [MapTo(PinterestField.Email)] private string Email { get; } = "  John.Doe@Example.COM ";
                [MapTo(PinterestField.ClientIpAddress)] internal string Ip { get; }
                [MapTo(PinterestField.ClientUserAgent)] protected internal string UserAgent { private get; set; } = "UA/1.0";
                [MapTo(PinterestField.Value)] private protected decimal Total => 72.39m;
            }
            """, """new OrderPlaced("203.0.113.7")""" },
        { "members inherited from an abstract base record", """
            public abstract record WebEvent
            {
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            }

            [PinterestEvent(EventName.Checkout)]
            public sealed partial record OrderPlaced : WebEvent
            {
                [MapTo(PinterestField.EventId)] public string? OrderNumber { get; init; }
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
                [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            }
            """, "new OrderPlaced " + Init },
        { "members inherited from an abstract base class", """
            public abstract class WebEvent
            {
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; set; }
                [MapTo(PinterestField.ClientUserAgent)] protected string? UserAgent { get; set; } = "UA/1.0";
                [MapTo(PinterestField.EventId)] public abstract string? OrderNumber { get; }
            }

            public abstract class ShopEvent : WebEvent
            {
                [MapTo(PinterestField.Email)] public string? Email;
            }

            [PinterestEvent(EventName.Checkout)]
            public partial class OrderPlaced : ShopEvent
            {
                public override string? OrderNumber => "order-1";
                [MapTo(PinterestField.Value)] public decimal Total { get; set; }
            }
            """, """new OrderPlaced { Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", Total = 72.39m }""" },
        { "positional parameters of a base record", """
            public abstract record WebEvent(
                [MapTo(PinterestField.ClientIpAddress)] string? Ip,
                [MapTo(PinterestField.ClientUserAgent)] string? UserAgent);

            [PinterestEvent(EventName.Checkout)]
            public sealed partial record OrderPlaced(
                [MapTo(PinterestField.EventId)] string OrderNumber,
                [MapTo(PinterestField.Email)] string? Email,
                [MapTo(PinterestField.Value)] decimal Total,
                string? Ip,
                string? UserAgent) : WebEvent(Ip, UserAgent);
            """, """new OrderPlaced("order-1", "  John.Doe@Example.COM ", 72.39m, "203.0.113.7", "UA/1.0")""" },
        { "declaration split over two parts", $$"""
            [PinterestEvent(EventName.Checkout)]
            public partial class OrderPlaced
            {
                [MapTo(PinterestField.EventId)] public string? OrderNumber { get; init; }
                [MapTo(PinterestField.Email)] public string? Email { get; init; }
            }

            public partial class OrderPlaced
            {
                [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
                [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            }
            """, "new OrderPlaced " + Init },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Shape_compiles_and_writes_the_event(string shape, string declarations, string creation)
    {
        _ = shape;
        using var compiled = CompiledEvents.Compile($$"""
            namespace Shop
            {
                {{declarations}}

                public static class Sample
                {
                    public static IPinterestEvent Create() => {{creation}};
                }
            }
            """);

        var evt = compiled.Create("Shop.Sample.Create");
        Assert.Equal(Expected, EventJson.Serialize(evt));
        Assert.Equal("checkout", evt.EventName);
        Assert.Equal("order-1", evt.EventId);
    }

    [Fact]
    public void File_scoped_namespace()
    {
        using var compiled = CompiledEvents.Compile($$"""
            namespace Shop.Orders.Web;

            [PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} }

            public static class Sample { public static IPinterestEvent Create() => new OrderPlaced {{Init}}; }
            """);

        Assert.Equal(Expected, EventJson.Serialize(compiled.Create("Shop.Orders.Web.Sample.Create")));
    }

    [Fact]
    public void Global_namespace()
    {
        using var compiled = CompiledEvents.Compile($$"""
            [PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} }

            public static class Sample { public static IPinterestEvent Create() => new OrderPlaced {{Init}}; }
            """);

        Assert.Equal(Expected, EventJson.Serialize(compiled.Create("Sample.Create")));
    }

    [Fact]
    public void Event_in_a_namespace_nested_in_another()
    {
        using var compiled = CompiledEvents.Compile($$"""
            namespace Shop
            {
                namespace Orders
                {
                    [PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} }
                    public static class Sample { public static IPinterestEvent Create() => new OrderPlaced {{Init}}; }
                }
            }
            """);

        Assert.Equal(Expected, EventJson.Serialize(compiled.Create("Shop.Orders.Sample.Create")));
    }

    [Fact]
    public void Events_of_the_same_name_in_two_namespaces_and_two_containing_types()
    {
        using var compiled = CompiledEvents.Compile(
            $$"""namespace A { [PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} } }""",
            $$"""namespace B { [PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} } }""",
            $$"""namespace B { public partial class Outer { [PinterestEvent(EventName.Checkout)] public partial record OrderPlaced { {{Members}} } } }""",
            $$"""
            public static class Sample
            {
                public static IPinterestEvent A() => new A.OrderPlaced {{Init}};
                public static IPinterestEvent B() => new B.OrderPlaced {{Init}};
                public static IPinterestEvent C() => new B.Outer.OrderPlaced {{Init}};
            }
            """);

        Assert.Equal(3, compiled.Run.Sources.Select(s => s.HintName).Distinct().Count());
        foreach (var factory in new[] { "Sample.A", "Sample.B", "Sample.C" })
            Assert.Equal(Expected, EventJson.Serialize(compiled.Create(factory)));
    }

    [Fact]
    public void The_interface_is_implemented_explicitly_and_adds_no_public_member()
    {
        using var compiled = CompiledEvents.Compile($$"""
            namespace Shop;
            [PinterestEvent(EventName.Checkout)] public partial class OrderPlaced { {{Members}} }
            public static class Sample { public static IPinterestEvent Create() => new OrderPlaced {{Init}}; }
            """);

        var type = compiled.Assembly.GetType("Shop.OrderPlaced")!;
        Assert.Contains(typeof(IPinterestEvent), type.GetInterfaces());
        string[] properties = ["Email", "Ip", "OrderNumber", "Total", "UserAgent"];
        string[] expected = [.. properties, .. properties.Select(p => "get_" + p), .. properties.Select(p => "set_" + p), ".ctor"];
        var publicMembers = type.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Select(m => m.Name);
        Assert.Equal(expected.Order(StringComparer.Ordinal), publicMembers.Order(StringComparer.Ordinal));
        var instanceFields = type.GetFields(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance);
        Assert.All(instanceFields, f => Assert.EndsWith("k__BackingField", f.Name));
        Assert.Equal(5, instanceFields.Length);
    }
}
