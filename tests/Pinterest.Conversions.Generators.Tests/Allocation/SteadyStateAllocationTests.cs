using System.Buffers;
using System.Text.Json;
using Xunit;

namespace Pinterest.Conversions.Generators.Tests.Allocation;

/// <summary>No allocation in steady state for WriteTo and WriteRequest over events of the listed collections.</summary>
public sealed class SteadyStateAllocationTests
{
    private const string Source = """
        namespace Shop;

        public sealed class Line
        {
            [MapTo(PinterestField.ItemId)] public string? Sku { get; init; }
            [MapTo(PinterestField.ItemPrice)] public decimal Price { get; init; }
            [MapTo(PinterestField.Quantity)] public int Quantity { get; init; }
        }

        public readonly record struct Plan([property: MapTo(PinterestField.ItemId)] string Id, [property: MapTo(PinterestField.ItemPrice)] double Price);

        [PinterestEvent(EventName.Checkout, EventIdFormat = "order-{Number}-{Session}")]
        public sealed partial class OrderPlaced
        {
            public int Number { get; init; }
            public Guid Session { get; init; }
            [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
            [MapTo(PinterestField.Email)] public string[] Emails { get; init; } = [];
            [MapTo(PinterestField.Phone)] public List<string> Phones { get; init; } = [];
            [MapTo(PinterestField.ExternalId)] public IReadOnlyList<string> UserIds { get; init; } = [];
            [MapTo(PinterestField.MobileAdId)] public ImmutableArray<string> AdIds { get; init; }
            [MapTo(PinterestField.City)] public HashSet<string> Cities { get; init; } = [];
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Value)] public decimal Total { get; init; }
            [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
            [MapTo(PinterestField.ContentIds)] public IReadOnlyList<string> Skus { get; init; } = [];
            [MapTo(PinterestField.Contents)] public List<Line> Lines { get; init; } = [];
            [MapTo(PinterestField.LimitedDataProcessing)] public bool Ldp { get; init; }
            [MapTo(PinterestField.OptOutType)] public string? OptOutType { get; init; }
            [MapTo(PinterestField.DeviceInfoLanguages)] public HashSet<string> Languages { get; init; } = [];
            [MapTo(PinterestField.PredictedLtv)] public double Ltv { get; init; }
        }

        [PinterestEvent(EventName.AddToCart)]
        public sealed partial class AddedToCart
        {
            [MapTo(PinterestField.EventId)] public Guid Id { get; init; }
            [MapTo(PinterestField.Email)] public ImmutableArray<string> Emails { get; init; }
            [MapTo(PinterestField.ContentIds)] public ImmutableArray<string> Skus { get; init; }
            [MapTo(PinterestField.Contents)] public Plan[] Plans { get; init; } = [];
            [MapTo(PinterestField.DeviceInfoLanguages)] public string[] Languages { get; init; } = [];
            [MapTo(PinterestField.NumItems)] public int Count { get; init; }
        }

        [PinterestEvent]
        public sealed partial class TenantEvent
        {
            [PinterestEventName] public string? Name { get; init; }
            [MapTo(PinterestField.EventId)] public string? Id { get; init; }
            [MapTo(PinterestField.Email)] public string? Email { get; init; }
        }

        public static class Sample
        {
            public static IPinterestEvent Tenant(string? name) => new TenantEvent { Name = name, Id = "t-1", Email = "a@example.com" };

            public static IPinterestEvent Order() => new OrderPlaced
            {
                Number = 1001, Session = new Guid("EA7583CD-A667-48BC-B806-42ECB2B48606"),
                At = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
                Emails = ["  John.Doe@Example.COM ", "jane@example.com"],
                Phones = ["+1 (616) 954-78 88"],
                UserIds = new[] { "user-1", "user-2" },
                AdIds = ["EA7583CD-A667-48BC-B806-42ECB2B48606"],
                Cities = ["Menlo Park"],
                Ip = "203.0.113.7", UserAgent = "Mozilla/5.0", Total = 72.39m,
                Skus = new[] { "sku-1", "sku-2", "sku-1" },
                Lines = [new Line { Sku = "sku-1", Price = 14.99m, Quantity = 3 }, new Line { Sku = "sku-2", Price = 13.71m, Quantity = 2 }],
                Ldp = true, OptOutType = "CCPA", Languages = ["en", "fr"], Ltv = 99.5,
            };

            public static IPinterestEvent Cart() => new AddedToCart
            {
                Id = new Guid("EA7583CD-A667-48BC-B806-42ECB2B48606"),
                Emails = ["a@example.com"], Skus = ["sku-1"], Plans = [new("p", 1.5)], Languages = ["en"], Count = 1,
            };
        }
        """;

    [Fact]
    [Trait("Category", "Allocation")]
    public void WriteTo_and_WriteRequest_allocate_nothing_in_steady_state()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var order = compiled.Create("Shop.Sample.Order");
        var cart = compiled.Create("Shop.Sample.Cart");
        // Named at run time: a valid name is checked and copied, an invalid one stops the event before anything is hashed.
        var tenant = compiled.Create("Shop.Sample.Tenant", "video_watched-90");
        var invalid = compiled.Create("Shop.Sample.Tenant", "not valid");
        IPinterestEvent[] batch = [order, cart, order, tenant, invalid];
        var reports = new PinterestEventReport[batch.Length];
        var context = EventJson.Context;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer);

        void WriteEvents()
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            order.WriteTo(writer, context);
            writer.Reset(buffer);
            cart.WriteTo(writer, context);
            writer.Reset(buffer);
            tenant.WriteTo(writer, context);
            writer.Reset(buffer);
            invalid.WriteTo(writer, context);
        }

        void WriteRequest()
        {
            buffer.ResetWrittenCount();
            PinterestJson.WriteRequest(buffer, batch, context, reports);
        }

        // Warm up: JIT, pools, the thread's cached writer.
        for (var i = 0; i < 200; i++)
        {
            WriteEvents();
            WriteRequest();
        }
        writer.Reset(buffer);
        Assert.True(order.WriteTo(writer, context).IsWritten);
        writer.Reset(buffer);
        Assert.True(cart.WriteTo(writer, context).IsWritten);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) WriteEvents();
        var writeTo = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) WriteRequest();
        var writeRequest = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(4, reports.Count(r => r.IsWritten));
        Assert.Equal(PinterestUnsendableReason.InvalidEventName, reports[4].UnsendableReason);
        Assert.Equal((0L, 0L), (writeTo, writeRequest));
    }

    [Fact]
    [Trait("Category", "Allocation")]
    public void WriteTagData_allocates_nothing_in_steady_state()
    {
        using var compiled = CompiledEvents.Compile(Source);
        var order = compiled.Create("Shop.Sample.Order");
        var cart = compiled.Create("Shop.Sample.Cart");
        var context = EventJson.Context;
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using var writer = new Utf8JsonWriter(buffer);

        void WriteTagData()
        {
            buffer.ResetWrittenCount();
            writer.Reset(buffer);
            order.WriteTagData(writer, context);
            writer.Reset(buffer);
            cart.WriteTagData(writer, context);
            writer.Flush();
        }

        for (var i = 0; i < 200; i++) WriteTagData(); // JIT, the thread's scratch
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++) WriteTagData();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // It really wrote the cart's Tag data (the last one written) each time.
        Assert.StartsWith("{\"event_id\":\"ea7583cd-a667-48bc-b806-42ecb2b48606\"", System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan), StringComparison.Ordinal);
        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// The event_id builder the generated code calls takes value-type placeholders (Guid, int, DateOnly) without boxing,
    /// even unoptimized (these tests run Debug). Independent of the hashing stub, so it runs now.
    /// </summary>
    [Fact]
    public void Event_id_placeholders_of_value_types_are_not_boxed()
    {
        var guid = new Guid("EA7583CD-A667-48BC-B806-42ECB2B48606");
        var day = new DateOnly(2026, 1, 31);
        int? nullable = 7;
        Span<char> stack = stackalloc char[128];

        static int Build(Span<char> stack, Guid guid, DateOnly day, int? nullable)
        {
            var builder = new Pinterest.Conversions.Serialization.PinterestEventIdBuilder(stack);
            builder.AppendLiteral("order-");
            builder.AppendFormatted(guid);
            builder.AppendFormatted(42);
            builder.AppendFormatted(day);
            builder.AppendFormatted(nullable);
            builder.Append("x");
            var length = builder.Span.Length;
            builder.Dispose();
            return length;
        }

        for (var i = 0; i < 100; i++) Build(stack, guid, day, nullable);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var total = 0;
        for (var i = 0; i < 10_000; i++) total += Build(stack, guid, day, nullable);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(10_000 * "order-ea7583cd-a667-48bc-b806-42ecb2b486064201/31/20267x".Length, total);
        Assert.Equal(0, allocated);
    }
}
