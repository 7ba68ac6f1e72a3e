using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinterest.Conversions.Samples.Shop.Pages;

/// <summary>The cart and checkout: the Buy button fires checkout (value, currency, contents, order_id) by the API and the Tag.</summary>
public sealed class CartModel(ShopTracking tracking) : PageModel
{
    public List<CartLine> Lines { get; private set; } = [];
    public decimal Total => Lines.Sum(l => l.Price * l.Quantity);
    public OrderPlaced? Order { get; private set; }
    public IPinterestEvent? TagEvent => Order;

    public void OnGet() => Lines = Cart.Lines(Cart.Read(Request));

    public async Task<IActionResult> OnPostAsync(string? email)
    {
        Lines = Cart.Lines(Cart.Read(Request));
        if (Lines.Count == 0 || string.IsNullOrWhiteSpace(email)) return RedirectToPage();
        Order = await tracking.TrackAsync(HttpContext, new OrderPlaced
        {
            OrderNumber = "order-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
            Email = email,
            Total = Total,
            Skus = Lines.Select(l => l.Sku).ToArray(),
            Lines = Lines,
        });
        Cart.Write(Response, new Dictionary<string, int>());
        return Page();
    }
}
