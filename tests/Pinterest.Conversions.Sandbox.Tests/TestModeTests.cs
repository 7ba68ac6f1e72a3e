using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary><c>?test=true</c>: validated and answered as usual, nothing recorded (docs/pinterest-api.md §1, §4.6).</summary>
public sealed class TestModeTests
{
    [Fact]
    public async Task A_test_request_is_answered_but_records_nothing()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);

        var response = await client.PostEvents(Bodies.Request(Bodies.Event(clock.UnixNow(), id: "a"), Bodies.Event(clock.UnixNow(), id: "b")), test: true);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(2, response.Events.GetProperty("num_events_processed").GetInt32());
        var report = sandbox.GetReport();
        Assert.Equal(0, report.Totals.Received);
        Assert.Empty(report.ByEvent);
        Assert.Empty(report.RecentEvents);
        Assert.Null(report.Health.Level);
        Assert.Equal(1, report.Requests.Test);
    }

    [Fact]
    public async Task A_test_request_is_validated_like_any_other()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);

        var failed = await client.PostEvents(Bodies.Request(Bodies.Event(clock.UnixNow(), userData: "{\"em\":[\"plain@example.com\"]}")), test: true);
        var invalid = await client.PostEvents("{\"data\":[]}", test: true);
        var unauthenticated = await client.PostEvents(Bodies.Request(Bodies.Event(clock.UnixNow())), token: null, test: true);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, failed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.Status);
        Assert.Equal(0, sandbox.GetReport().Totals.Received);
    }

    [Fact]
    public async Task Test_false_records_as_usual()
    {
        var clock = Clocks.Start();
        await using var sandbox = await Sandboxes.Start(clock);
        using var client = new SandboxClient(sandbox);

        await client.PostEvents(Bodies.Request(Bodies.Event(clock.UnixNow())), query: "?test=false");

        Assert.Equal(1, sandbox.GetReport().Totals.Received);
    }
}
