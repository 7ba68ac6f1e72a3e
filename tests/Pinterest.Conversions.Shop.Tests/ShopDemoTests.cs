using System.Text.RegularExpressions;
using Pinterest.Conversions.Samples.Shop;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Shop.Tests;

public sealed class ShopDemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_prints_a_report_with_deduplicated_conversions_and_a_resilience_level()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var writer = new StringWriter();
        var exitCode = await ShopDemo.RunAsync(writer, shoppers: 300, cts.Token);
        var text = writer.ToString();
        output.WriteLine(text);

        Assert.Equal(0, exitCode);
        var deduplicated = long.Parse(Regex.Match(text, @"deduplicated:\s+(\d+)").Groups[1].Value);
        Assert.True(deduplicated > 0, "no deduplicated conversions");
        Assert.Matches(@"resilience level: (Poor|Good|Great)", text);
        Assert.Matches(@"late:\s+[1-9]", text);
        Assert.Matches(@"offline:\s+[1-9]", text);
        Assert.Matches(@"failed 0\)", text);
        Assert.DoesNotContain("Example.com", text, StringComparison.OrdinalIgnoreCase); // no raw personal value
    }
}
