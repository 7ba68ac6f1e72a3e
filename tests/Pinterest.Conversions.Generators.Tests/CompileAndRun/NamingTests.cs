using Xunit;

namespace Pinterest.Conversions.Generators.Tests.CompileAndRun;

/// <summary>User names that could clash with generated code: members, types and namespaces, keywords, obsolete members, event names.</summary>
public sealed class NamingTests
{
    [Fact]
    public void Members_named_like_the_generated_code_or_keywords_are_read()
    {
        using var compiled = CompiledEvents.Compile("""
            namespace Shop;

            // Inside the type, EventName is the member, so the attribute names the enum in full.
            [PinterestEvent(global::Pinterest.Conversions.EventName.Lead)]
            public partial class Lead
            {
                [MapTo(PinterestField.EventId)] public string EventId { get; init; } = "";
                public string EventName { get; init; } = "not the wire name";
                [MapTo(PinterestField.ClientIpAddress)] public string? writer { get; init; }
                [MapTo(PinterestField.ClientUserAgent)] public string? context { get; init; }
                [MapTo(PinterestField.Value)] public decimal value { get; init; }
                [MapTo(PinterestField.Currency)] public string? buffer;
                [MapTo(PinterestField.NumItems)] public int i;
                [MapTo(PinterestField.OrderId)] public string? __report { get; init; }
                [MapTo(PinterestField.Email)] public string? @class { get; init; }
                [MapTo(PinterestField.ContentName)] public string? __hashes { get; init; }
                [MapTo(PinterestField.ContentCategory)] public string? __eventId { get; init; }
                [MapTo(PinterestField.ContentBrand)] public string? __event { get; init; }
                [MapTo(PinterestField.SearchString)] public string? @event { get; init; }
                [MapTo(PinterestField.PartnerName)] public string? Pinterest { get; init; }
                [MapTo(PinterestField.Language)] public string? System { get; init; }
                [MapTo(PinterestField.ContentIds)] public string[]? __items { get; init; }
            }

            public static class Sample
            {
                public static IPinterestEvent Create() => new Lead
                {
                    EventId = "lead-7", writer = "203.0.113.7", context = "UA/1.0", value = 1.5m, buffer = "EUR", i = 3, __report = "o-1",
                    @class = "  John.Doe@Example.COM ", __hashes = "name", __eventId = "category", __event = "brand", @event = "query",
                    Pinterest = "ss-partner", System = "en", __items = ["sku"],
                };
            }
            """);

        var evt = compiled.Create("Shop.Sample.Create");
        Assert.Equal(
            $$$"""{"event_name":"lead","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"lead-7","partner_name":"ss-partner","user_data":{"em":["{{{EventJson.JohnDoeEmailHash}}}"],"client_ip_address":"203.0.113.7","client_user_agent":"UA/1.0"},"custom_data":{"currency":"EUR","value":"1.5","content_ids":["sku"],"content_name":"name","content_category":"category","content_brand":"brand","num_items":3,"order_id":"o-1","search_string":"query"},"language":"en"}""",
            EventJson.Serialize(evt));
        Assert.Equal("lead", evt.EventName);
        Assert.Equal("lead-7", evt.EventId);
    }

    [Fact]
    public void Keyword_type_and_namespace_names()
    {
        using var compiled = CompiledEvents.Compile("""
            namespace @event.@class
            {
                public partial class @object
                {
                    [PinterestEvent(EventName.Lead)]
                    public partial record @record
                    {
                        [MapTo(PinterestField.EventId)] public string? Id { get; init; }
                        [MapTo(PinterestField.Email)] public string? Email { get; init; }
                    }
                }

                [PinterestEvent(EventName.Signup)]
                public partial struct @struct
                {
                    [MapTo(PinterestField.EventId)] public string? Id { get; init; }
                    [MapTo(PinterestField.Email)] public string? Email { get; init; }
                }

                public static class Sample
                {
                    public static IPinterestEvent Record() => new @object.@record { Id = "r", Email = "  John.Doe@Example.COM " };
                    public static IPinterestEvent Struct() => new @struct { Id = "s", Email = "  John.Doe@Example.COM " };
                }
            }
            """);

        Assert.Equal(
            $$$"""{"event_name":"lead","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"r","user_data":{"em":["{{{EventJson.JohnDoeEmailHash}}}"]}}""",
            EventJson.Serialize(compiled.Create("event.class.Sample.Record")));
        Assert.Equal(
            $$$"""{"event_name":"signup","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"s","user_data":{"em":["{{{EventJson.JohnDoeEmailHash}}}"]}}""",
            EventJson.Serialize(compiled.Create("event.class.Sample.Struct")));
    }

    [Fact]
    public void Types_named_like_the_namespaces_the_generated_code_uses()
    {
        using var compiled = CompiledEvents.Compile("""
            namespace Shop
            {
                public class System { }
                public class Pinterest { }
                public class Conversions { }
                public class IPinterestEvent { }
                public class PinterestField { }

                [PinterestEvent(global::Pinterest.Conversions.EventName.Lead)]
                public partial record Lead
                {
                    [MapTo(global::Pinterest.Conversions.PinterestField.EventId)] public string? Id { get; init; }
                    [MapTo(global::Pinterest.Conversions.PinterestField.Email)] public string? Email { get; init; }
                }

                public static class Sample
                {
                    public static global::Pinterest.Conversions.IPinterestEvent Create() => new Lead { Id = "1", Email = "  John.Doe@Example.COM " };
                }
            }
            """);

        Assert.Contains("\"event_id\":\"1\"", EventJson.Serialize(compiled.Create("Shop.Sample.Create")));
    }

    [Fact]
    public void Obsolete_mapped_members_and_types_compile_without_warnings()
    {
        using var compiled = CompiledEvents.Compile("""
            namespace Shop;

            [Obsolete("Use OrderLine2")]
            public sealed class OrderLine
            {
                [Obsolete] [MapTo(PinterestField.ItemId)] public string? Sku { get; init; }
                [Obsolete("gone")] [MapTo(PinterestField.Quantity)] public int Quantity { get; init; }
            }

            [Obsolete("Use OrderPlaced2")]
            [PinterestEvent(EventName.Checkout, EventIdFormat = "order-{Number}")]
            public partial record OrderPlaced
            {
                [Obsolete] public int Number { get; init; }
                [Obsolete("Use Emails")] [MapTo(PinterestField.Email)] public string? Email { get; init; }
                [Obsolete] [MapTo(PinterestField.ClientIpAddress)] public string? Ip;
                [Obsolete] [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
                [Obsolete] [MapTo(PinterestField.Value)] public decimal Total { get; init; }
                [Obsolete] [MapTo(PinterestField.Contents)] public List<OrderLine> Lines { get; init; } = [];
            }

            #pragma warning disable CS0612, CS0618
            public static class Sample
            {
                public static IPinterestEvent Create() => new OrderPlaced
                {
                    Number = 5, Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", UserAgent = "UA/1.0", Total = 2m,
                    Lines = [new OrderLine { Sku = "a", Quantity = 2 }],
                };
            }
            """);

        Assert.Equal(
            $$$"""{"event_name":"checkout","action_source":"web","event_time":{{{EventJson.NowUnix}}},"event_id":"order-5","user_data":{"em":["{{{EventJson.JohnDoeEmailHash}}}"],"client_ip_address":"203.0.113.7","client_user_agent":"UA/1.0"},"custom_data":{"value":"2","contents":[{"id":"a","quantity":2}]}}""",
            EventJson.Serialize(compiled.Create("Shop.Sample.Create")));
    }

    [Theory]
    [InlineData("my_custom-event")]
    [InlineData("A")]
    [InlineData("0123456789_abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789_abcdefghijklmnopqrstuvwx")]
    public void Advertiser_defined_event_name_is_written_as_is(string name)
    {
        Assert.InRange(name.Length, 1, 100);
        using var compiled = CompiledEvents.Compile($$"""
            namespace Shop;

            [PinterestEvent("{{name}}", ActionSource = ActionSource.AppIos)]
            public partial record Custom
            {
                [MapTo(PinterestField.EventId)] public string? Id { get; init; }
                [MapTo(PinterestField.MobileAdId)] public string? AdId { get; init; }
            }

            public static class Sample { public static IPinterestEvent Create() => new Custom { Id = "c-1", AdId = "EA7583CD-A667-48BC-B806-42ECB2B48606" }; }
            """);

        var evt = compiled.Create("Shop.Sample.Create");
        Assert.Equal(name, evt.EventName);
        using var json = System.Text.Json.JsonDocument.Parse(EventJson.Serialize(evt));
        Assert.Equal(name, json.RootElement.GetProperty("event_name").GetString());
        Assert.Equal("app_ios", json.RootElement.GetProperty("action_source").GetString());
        Assert.Equal(64, json.RootElement.GetProperty("user_data").GetProperty("hashed_maids")[0].GetString()!.Length);
    }

    [Fact]
    public void Every_standard_event_name_is_written_with_its_wire_name()
    {
        var names = Enum.GetValues<EventName>();
        var declarations = string.Join("\n", names.Select(n => $$"""
            [PinterestEvent(EventName.{{n}})]
            public partial record {{n}}Event
            {
                [MapTo(PinterestField.EventId)] public string Id { get; init; } = "{{n}}";
                [MapTo(PinterestField.Email)] public string Email { get; init; } = "a@example.com";
            }
            """));
        var factory = "public static class Sample { public static IPinterestEvent[] All() => [" + string.Join(", ", names.Select(n => $"new {n}Event()")) + "]; }";
        using var compiled = CompiledEvents.Compile("namespace Shop;\n" + declarations + "\n" + factory);

        var events = (IPinterestEvent[])compiled.Invoke("Shop.Sample.All")!;
        var request = EventJson.SerializeRequest(events);
        using var json = System.Text.Json.JsonDocument.Parse(request);
        var written = json.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("event_name").GetString()).ToArray();
        // The wire names are the C# names in snake case (add_to_cart, page_visit, signup, ...).
        var expected = names.Select(n => System.Text.RegularExpressions.Regex.Replace(n.ToString(), "(?<=[a-z])(?=[A-Z])", "_").ToLowerInvariant()).ToArray();
        Assert.Contains("add_to_cart", expected);
        Assert.Equal(expected, written);
        Assert.Equal(expected, events.Select(e => e.EventName));
    }
}
