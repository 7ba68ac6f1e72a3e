using System.Globalization;

namespace Pinterest.Conversions.Samples.Shop;

/// <summary>A product of the shop.</summary>
public sealed record Product(string Sku, string Name, decimal Price, string Description);

/// <summary>The shop's few products.</summary>
public static class Catalog
{
    public static IReadOnlyList<Product> Products { get; } =
    [
        new("mug-01", "Stoneware mug", 14.99m, "A hand-glazed 350 ml mug."),
        new("tea-02", "Loose-leaf tea", 9.50m, "100 g of a smoky black tea."),
        new("pot-03", "Teapot", 39.00m, "A one-litre cast-iron teapot."),
        new("cozy-04", "Tea cozy", 12.25m, "Knitted wool, keeps a pot warm for an hour."),
    ];

    public static Product? Find(string? sku) => Products.FirstOrDefault(p => string.Equals(p.Sku, sku, StringComparison.Ordinal));
}

/// <summary>The cart, kept in a cookie as <c>sku:quantity</c> pairs (only known skus survive parsing).</summary>
public static class Cart
{
    public const string CookieName = "shop_cart";

    public static Dictionary<string, int> Read(HttpRequest request)
    {
        var cart = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!request.Cookies.TryGetValue(CookieName, out var text) || string.IsNullOrEmpty(text)) return cart;
        foreach (var pair in text.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split(':');
            if (parts.Length == 2 && Catalog.Find(parts[0]) is not null
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) && quantity is > 0 and <= 99)
                cart[parts[0]] = quantity;
        }
        return cart;
    }

    public static void Write(HttpResponse response, IReadOnlyDictionary<string, int> cart)
    {
        if (cart.Count == 0)
        {
            response.Cookies.Delete(CookieName);
            return;
        }
        var text = string.Join('|', cart.Select(kv => kv.Key + ":" + kv.Value.ToString(CultureInfo.InvariantCulture)));
        response.Cookies.Append(CookieName, text, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    }

    public static List<CartLine> Lines(IReadOnlyDictionary<string, int> cart) =>
        cart.Select(kv => Catalog.Find(kv.Key) is { } p ? new CartLine(p.Sku, p.Name, p.Price, kv.Value) : null)
            .OfType<CartLine>().ToList();
}
