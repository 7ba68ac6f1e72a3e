using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pinterest.Conversions.Samples.Shop.Pages;

/// <summary>A product page: fires page_visit on view and add_to_cart on the button, by the API and the Tag alike.</summary>
public sealed class ProductModel(ShopTracking tracking) : PageModel
{
    public Product Product { get; private set; } = null!;
    public IPinterestEvent? TagEvent { get; private set; }
    public bool Added { get; private set; }

    public async Task<IActionResult> OnGetAsync(string sku)
    {
        if (Catalog.Find(sku) is not { } product) return NotFound();
        Product = product;
        TagEvent = await tracking.TrackAsync(HttpContext, new ProductViewed { Skus = [product.Sku] });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string sku)
    {
        if (Catalog.Find(sku) is not { } product) return NotFound();
        Product = product;
        var cart = Cart.Read(Request);
        cart[product.Sku] = Math.Min(99, cart.GetValueOrDefault(product.Sku) + 1);
        Cart.Write(Response, cart);
        Added = true;
        TagEvent = await tracking.TrackAsync(HttpContext, new AddedToCart
        {
            Value = product.Price,
            Skus = [product.Sku],
            Lines = [new CartLine(product.Sku, product.Name, product.Price, 1)],
        });
        return Page();
    }
}
