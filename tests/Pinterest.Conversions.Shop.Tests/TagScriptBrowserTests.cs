using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Playwright;
using Pinterest.Conversions.AspNetCore;
using Pinterest.Conversions.Samples.Shop;
using Pinterest.Conversions.Testing;
using Xunit;

namespace Pinterest.Conversions.Shop.Tests;

/// <summary>
/// The Tag's script element, rendered by the tag helper for the hostile corpus, run in Debian's chromium: every call
/// reaches pintrk with its event_id intact, and nothing the values hold executes or breaks the page.
/// </summary>
public sealed class TagScriptBrowserTests
{
    private static readonly string[] Hostile =
    [
        "</script><script>window.__pwned=1</script>",
        "</SCRIPT ><script>window.__pwned=2</script>",
        "'); window.__pwned=3; ('",
        "\"); window.__pwned=4; (\"",
        "`${window.__pwned=5}`",
        "a\u2028b\u2029c",
        "<!--<script>",
        "\\'); window.__pwned=6; //",
        "<img src=x onerror=window.__pwned=7>",
        "lone \ud800 high",
        new string('<', 512 * 1024) + new string('\'', 512 * 1024),
    ];

    [BrowserFact]
    public async Task Hostile_values_in_the_rendered_Tag_execute_nothing()
    {
        var scripts = Hostile.Select((value, i) => Render(new OrderPlaced
        {
            OrderNumber = value, Currency = value.Length <= 256 ? value : "USD", Total = 1m,
            Lines = [new CartLine(value.Length <= 256 ? value : "sku-1", value, 2m, 1)], // the 1 MB value once, as the product name
        }, nonce: value));
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><script>window.__calls=[];window.pintrk=function(c,n,d){window.__calls.push([c,n,d]);};</script></head><body>"
            + string.Concat(scripts) + "<p id=\"end\">end</p></body></html>";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.SetContentAsync(html);

        Assert.Empty(errors);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__pwned === undefined"), "a hostile value executed");
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img').length"));
        Assert.Equal("end", await page.InnerTextAsync("#end")); // the page was not swallowed by an open comment or script
        Assert.Equal(Hostile.Length, await page.EvaluateAsync<int>("() => window.__calls.length"));
        var ids = await page.EvaluateAsync<string[]>("() => window.__calls.map(c => c[2].event_id)");
        var names = await page.EvaluateAsync<string[]>("() => window.__calls.map(c => c[2].line_items[0].product_name)");
        for (var i = 0; i < Hostile.Length; i++)
        {
            // An event_id over 256 characters is not sent (the API refuses the event), so the Tag leaves it out too.
            Assert.Equal(Hostile[i].Length <= 256 ? Hostile[i].Replace('\ud800', '\ufffd') : null, ids[i]);
            Assert.Equal(Hostile[i].Replace('\ud800', '\ufffd'), names[i]);
        }
        Assert.All(await page.EvaluateAsync<string[]>("() => window.__calls.map(c => c[0] + ' ' + c[1])"), c => Assert.Equal("track checkout", c));
    }

    private static string Render(IPinterestEvent evt, string nonce)
    {
        var helper = new PinterestTagTagHelper { Event = evt, Nonce = nonce };
        var output = new TagHelperOutput("pinterest-tag", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        helper.Process(new TagHelperContext([], new Dictionary<object, object>(), "id"), output);
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }
}
