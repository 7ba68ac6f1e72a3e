using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>Faults on request: status codes with Pinterest's bodies, delays, resets before and after processing.</summary>
public sealed class FaultInjectionTests
{
    private static readonly FakeTimeProvider Clock = Clocks.Start();

    private static string Body(string id = "order-1") => Bodies.Request(Bodies.Event(Clock.UnixNow(), id: id));

    private static SandboxFaultPlan Plan(params SandboxFaultRule[] rules) => new() { Rules = rules };

    [Fact]
    public async Task A_429_carries_code_8_and_retry_after_then_the_next_request_passes()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(
            new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 429, RetryAfterSeconds = 2, Count = 1 }));
        using var client = new SandboxClient(sandbox);

        var limited = await client.PostEvents(Body());
        var passed = await client.PostEvents(Body());

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal(8, limited.Code);
        Assert.Equal("2", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, passed.Status);
        var report = sandbox.GetReport();
        Assert.Equal(1, report.Totals.Received);
        Assert.Equal(1, report.Requests.Faulted);
        Assert.Equal(1, report.Requests.ByStatus["429"]);
    }

    [Fact]
    public async Task A_503_carries_code_4197()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(
            new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503, Count = 2 }));
        using var client = new SandboxClient(sandbox);

        var first = await client.PostEvents(Body());
        var second = await client.PostEvents(Body());
        var third = await client.PostEvents(Body());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.Status);
        Assert.Equal(4197, first.Code);
        Assert.Equal("The endpoint has been ramped down and is currently not accepting any traffic.", first.Message);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.Status);
        Assert.Equal(HttpStatusCode.OK, third.Status);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Other_5xx_are_answered(int status)
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(
            new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = status, Count = 1 }));
        using var client = new SandboxClient(sandbox);

        Assert.Equal((HttpStatusCode)status, (await client.PostEvents(Body())).Status);
        Assert.Equal(0, sandbox.GetReport().Totals.Received);
    }

    [Fact]
    public async Task A_reset_before_processing_records_nothing_and_the_client_sees_an_exception()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(new SandboxFaultRule { Kind = SandboxFaultKind.ResetBefore, Count = 1 }));
        using var client = new SandboxClient(sandbox);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostEvents(Body()));

        Assert.Equal(0, sandbox.GetReport().Totals.Received);
        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(Body())).Status);
        Assert.Equal(1, sandbox.GetReport().Totals.Received);
    }

    [Fact]
    public async Task A_reset_after_processing_records_the_events_and_the_retry_is_deduplicated()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(new SandboxFaultRule { Kind = SandboxFaultKind.ResetAfter, Count = 1 }));
        using var client = new SandboxClient(sandbox);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostEvents(Body("order-r")));
        Assert.Equal(1, sandbox.GetReport().Totals.Processed);

        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(Body("order-r"))).Status);
        var totals = sandbox.GetReport().Totals;
        Assert.Equal(1, totals.Conversions);
        Assert.Equal(1, totals.Deduplicated);
        Assert.Equal(1, sandbox.GetReport().Requests.ByStatus["reset"]);
    }

    [Fact]
    public async Task A_delay_holds_the_answer()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 300, Count = 1 }));
        using var client = new SandboxClient(sandbox);

        var watch = Stopwatch.StartNew();
        var response = await client.PostEvents(Body());

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_delay_that_outlasts_the_client_timeout_is_a_timeout()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 10_000 }));
        using var http = new HttpClient { BaseAddress = sandbox.BaseAddress, Timeout = TimeSpan.FromMilliseconds(300) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => http.PostAsync("v5/ad_accounts/1/events", new StringContent(Body())));
    }

    [Fact]
    public async Task Skip_lets_requests_through_first()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(
            new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503, Skip = 1, Count = 1 }));
        using var client = new SandboxClient(sandbox);

        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(Body())).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.PostEvents(Body())).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(Body())).Status);
    }

    [Fact]
    public async Task A_rate_is_deterministic_under_a_seed()
    {
        var plan = new SandboxFaultPlan { Seed = 42, Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503, Rate = 0.3 }] };

        async Task<string> Run()
        {
            await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = plan);
            using var client = new SandboxClient(sandbox);
            var statuses = new List<int>();
            for (var i = 0; i < 30; i++) statuses.Add((int)(await client.PostEvents(Body())).Status);
            return string.Join(",", statuses);
        }

        var first = await Run();
        var second = await Run();

        Assert.Equal(first, second);
        var faulted = first.Split(',').Count(s => s == "503");
        Assert.InRange(faulted, 3, 18);
    }

    [Fact]
    public async Task The_plan_is_set_read_and_cleared_over_http()
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);

        var set = await client.Post("sandbox/faults", """
            {"seed":7,"rules":[{"kind":"status","status":429,"retry_after_seconds":1,"count":2},
                               {"kind":"delay","delay_milliseconds":10,"rate":0.5},
                               {"kind":"reset_before","skip":3,"count":1}]}
            """);
        Assert.Equal(HttpStatusCode.OK, set.Status);
        Assert.Equal("status", set.Json.GetProperty("rules")[0].GetProperty("kind").GetString());

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostEvents(Body())).Status);
        var state = await client.Get("sandbox/faults");
        Assert.Equal(1, state.Json.GetProperty("rules")[0].GetProperty("count").GetInt32());
        Assert.Equal("reset_before", state.Json.GetProperty("rules")[2].GetProperty("kind").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.Delete("sandbox/faults")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(Body())).Status);
        Assert.Empty(sandbox.GetFaults().Rules);
    }

    [Theory]
    [InlineData("""{"rules":[{"kind":"status","status":404}]}""", "rules[0].status must be one of 429, 500, 502, 503, 504")]
    [InlineData("""{"rules":[{"kind":"status","status":503,"rate":2}]}""", "rules[0].rate must be above 0 and at most 1")]
    [InlineData("""{"rules":[{"kind":"delay"}]}""", "rules[0].delay_milliseconds is required for a delay")]
    [InlineData("""{"rules":[{"kind":"reset_after","count":0}]}""", "rules[0].count must be at least 1")]
    [InlineData("""{"rules":[{"kind":"explode"}]}""", "The fault plan is not valid")]
    [InlineData("""{"rules":[{"kind":1}]}""", "The fault plan is not valid")]
    [InlineData("""{"rulez":[]}""", "The fault plan is not valid")]
    public async Task An_invalid_plan_is_400_and_changes_nothing(string plan, string expected)
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.Faults = Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503 }));
        using var client = new SandboxClient(sandbox);

        var response = await client.Post("sandbox/faults", plan);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(expected, response.Json.GetProperty("message").GetString());
        Assert.Single(sandbox.GetFaults().Rules);
    }

    [Fact]
    public async Task Faults_can_be_set_in_process()
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);

        sandbox.SetFaults(Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 500, Count = 1 }));

        Assert.Equal(HttpStatusCode.InternalServerError, (await client.PostEvents(Body())).Status);
        Assert.Throws<ArgumentException>(() => sandbox.SetFaults(Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Status })));
    }
}
