using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Pinterest.Conversions;

namespace Pinterest.Conversions.Benchmarks;

/// <summary>One realistic checkout: 8 hashed signals, IP and user agent, 5 line items.</summary>
[PinterestEvent(EventName.Checkout)]
public sealed partial record CheckoutEvent
{
    [MapTo(PinterestField.EventId)] public required string OrderId { get; init; }
    [MapTo(PinterestField.EventTime)] public DateTimeOffset At { get; init; }
    [MapTo(PinterestField.EventSourceUrl)] public string? Url { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; }
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
    [MapTo(PinterestField.Phone)] public string? Phone { get; init; }
    [MapTo(PinterestField.LastName)] public string? LastName { get; init; }
    [MapTo(PinterestField.FirstName)] public string? FirstName { get; init; }
    [MapTo(PinterestField.City)] public string? City { get; init; }
    [MapTo(PinterestField.State)] public string? State { get; init; }
    [MapTo(PinterestField.Zip)] public string? Zip { get; init; }
    [MapTo(PinterestField.Country)] public string? Country { get; init; }
    [MapTo(PinterestField.Currency)] public string Currency { get; init; } = "USD";
    [MapTo(PinterestField.Value)] public decimal Total { get; init; }
    [MapTo(PinterestField.Contents)] public LineItem[] Lines { get; init; } = [];
    [MapTo(PinterestField.NumItems)] public int Count { get; init; }

    public static CheckoutEvent Sample(int i) => new()
    {
        OrderId = "order-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
        At = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero),
        Url = "https://shop.example/checkout",
        Email = "  John.Doe@Example.COM ",
        Ip = "203.0.113.7",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
        Phone = "+1 (616) 954-78 88",
        LastName = "Doe",
        FirstName = "John",
        City = "Menlo Park",
        State = "CA",
        Zip = "94025",
        Country = "US",
        Total = 72.39m,
        Count = 5,
        Lines = Enumerable.Range(1, 5).Select(n => new LineItem($"sku-{n}", 14.99m, n)).ToArray(),
    };

    /// <summary>
    /// The same event with its 8 identity values already hashed (64 hex digits pass through): writing it costs what the
    /// writer costs, without normalizing or hashing. The writing floor of the benchmarks.
    /// </summary>
    public static CheckoutEvent PreHashed(int i)
    {
        var e = Sample(i);
        return e with
        {
            Email = UsualEvent.Hash(e.Email!), Phone = UsualEvent.Hash(new string(e.Phone!.Where(char.IsDigit).ToArray())),
            LastName = UsualEvent.Hash(e.LastName!), FirstName = UsualEvent.Hash(e.FirstName!), City = UsualEvent.Hash(e.City!.Replace(" ", "")),
            State = UsualEvent.Hash(e.State!), Zip = UsualEvent.Hash(e.Zip!), Country = UsualEvent.Hash(e.Country!),
        };
    }

    /// <summary>The 8 identity values as the usual code gets them, and the rule of each (what normalizing and hashing see).</summary>
    public static readonly (NormalizationRule Rule, string Value)[] IdentityValues =
    [
        (NormalizationRule.Email, "  John.Doe@Example.COM "), (NormalizationRule.Phone, "+1 (616) 954-78 88"),
        (NormalizationRule.Name, "Doe"), (NormalizationRule.Name, "John"), (NormalizationRule.City, "Menlo Park"),
        (NormalizationRule.State, "CA"), (NormalizationRule.Zip, "94025"), (NormalizationRule.Country, "US"),
    ];
}

/// <summary>A line item of <see cref="CheckoutEvent"/>.</summary>
public sealed record LineItem(
    [property: MapTo(PinterestField.ItemId)] string Sku,
    [property: MapTo(PinterestField.ItemPrice)] decimal Price,
    [property: MapTo(PinterestField.Quantity)] int Quantity);

// The usual code: a DTO serialized by the System.Text.Json source generator, values hashed by hand.

public sealed class UsualEvent
{
    /// <summary>The usual code: each value trimmed, lowercased and hashed as a string, the DTO filled by hand.</summary>
    public static UsualEvent From(CheckoutEvent e) => new()
    {
        EventTime = e.At.ToUnixTimeSeconds(),
        EventId = e.OrderId,
        EventSourceUrl = e.Url,
        UserData = new UsualUserData
        {
            Em = [Hash(e.Email!)], Ip = e.Ip, UserAgent = e.UserAgent, Ph = [Hash(new string(e.Phone!.Where(char.IsDigit).ToArray()))],
            Ln = [Hash(e.LastName!)], Fn = [Hash(e.FirstName!)], Ct = [Hash(e.City!.Replace(" ", ""))], St = [Hash(e.State!)],
            Zp = [Hash(e.Zip!)], Country = [Hash(e.Country!)],
        },
        CustomData = new UsualCustomData
        {
            Currency = e.Currency,
            Value = e.Total.ToString(CultureInfo.InvariantCulture),
            NumItems = e.Count,
            Contents = e.Lines.Select(l => new UsualContent { Id = l.Sku, ItemPrice = l.Price.ToString(CultureInfo.InvariantCulture), Quantity = l.Quantity }).ToList(),
        },
    };

    internal static string Hash(string value) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value.Trim().ToLowerInvariant()))).ToLowerInvariant();

    [JsonPropertyName("event_name")] public string EventName { get; set; } = "checkout";
    [JsonPropertyName("action_source")] public string ActionSource { get; set; } = "web";
    [JsonPropertyName("event_time")] public long EventTime { get; set; }
    [JsonPropertyName("event_id")] public string EventId { get; set; } = "";
    [JsonPropertyName("event_source_url")] public string? EventSourceUrl { get; set; }
    [JsonPropertyName("user_data")] public UsualUserData UserData { get; set; } = new();
    [JsonPropertyName("custom_data")] public UsualCustomData CustomData { get; set; } = new();
}

public sealed class UsualUserData
{
    [JsonPropertyName("em")] public List<string>? Em { get; set; }
    [JsonPropertyName("client_ip_address")] public string? Ip { get; set; }
    [JsonPropertyName("client_user_agent")] public string? UserAgent { get; set; }
    [JsonPropertyName("ph")] public List<string>? Ph { get; set; }
    [JsonPropertyName("ln")] public List<string>? Ln { get; set; }
    [JsonPropertyName("fn")] public List<string>? Fn { get; set; }
    [JsonPropertyName("ct")] public List<string>? Ct { get; set; }
    [JsonPropertyName("st")] public List<string>? St { get; set; }
    [JsonPropertyName("zp")] public List<string>? Zp { get; set; }
    [JsonPropertyName("country")] public List<string>? Country { get; set; }
}

public sealed class UsualRequest
{
    [JsonPropertyName("data")] public List<UsualEvent> Data { get; set; } = [];
}

public sealed class UsualCustomData
{
    [JsonPropertyName("currency")] public string? Currency { get; set; }
    [JsonPropertyName("value")] public string? Value { get; set; }
    [JsonPropertyName("contents")] public List<UsualContent>? Contents { get; set; }
    [JsonPropertyName("num_items")] public int NumItems { get; set; }
}

public sealed class UsualContent
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("item_price")] public string? ItemPrice { get; set; }
    [JsonPropertyName("quantity")] public int Quantity { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UsualEvent))]
[JsonSerializable(typeof(UsualRequest))]
public sealed partial class UsualJsonContext : JsonSerializerContext;
