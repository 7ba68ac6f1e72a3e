using System.Diagnostics;
using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>Parallel requests are each counted exactly once.</summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Twenty_parallel_requests_of_100_events_are_all_counted_exactly_once()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);
        var bodies = Enumerable.Range(0, 20)
            .Select(r => Bodies.Request(Enumerable.Range(0, 100).Select(i => Bodies.Event(clock.UnixNow(), id: $"r{r}-e{i}", userData: Bodies.FullUser))))
            .ToArray();

        var watch = Stopwatch.StartNew();
        var responses = await Task.WhenAll(bodies.Select(b => client.PostEvents(b)));
        output.WriteLine($"20 x 100 events in {watch.ElapsedMilliseconds} ms");

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var report = sandbox.GetReport();
        Assert.Equal(20, report.Requests.Total);
        Assert.Equal(2000, report.Totals.Received);
        Assert.Equal(2000, report.Totals.Processed);
        Assert.Equal(2000, report.Totals.Conversions);
        Assert.Equal(0, report.Totals.Deduplicated);
        Assert.Equal(2000, report.Health.ApiEvents);
    }

    [Fact]
    public async Task Twenty_parallel_copies_of_the_same_100_events_are_100_conversions()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);
        var body = Bodies.Request(Enumerable.Range(0, 100).Select(i => Bodies.Event(clock.UnixNow(), id: $"e{i}")));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PostEvents(body)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var totals = sandbox.GetReport().Totals;
        Assert.Equal(2000, totals.Processed);
        Assert.Equal(100, totals.Conversions);
        Assert.Equal(1900, totals.Deduplicated);
    }
}
