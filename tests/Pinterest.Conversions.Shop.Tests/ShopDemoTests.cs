using System.Text.RegularExpressions;
using Pinterest.Conversions.Samples.Shop;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Shop.Tests;

public sealed class ShopDemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_prints_a_report_with_deduplicated_conversions_and_a_resilience_level_and_loses_nothing_to_an_outage()
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
        // The outage: events accepted while every request got a 503 waited in the outbox and all arrived (exit code 0
        // says the sandbox received every API event the shop accepted).
        Assert.Matches(@"Outage: every request answered 503 while 100 shoppers browsed; [1-9]\d* accepted events waited", text);
        Assert.Matches(@"\([1-9]\d* answered 503 during the outage\)", text);
        Assert.DoesNotContain("Example.com", text, StringComparison.OrdinalIgnoreCase); // no raw personal value
    }
}
