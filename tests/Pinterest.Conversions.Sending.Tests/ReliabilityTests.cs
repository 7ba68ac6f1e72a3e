using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>
/// The queue, the resilient client and the sandbox over real loopback HTTP, with injected 429, 503 and connection
/// resets before and after processing: every event ends with exactly one outcome, nothing is lost silently, and no
/// offline event is received twice. Bounded in count and time.
/// </summary>
public sealed class ReliabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string RawEmail = "Reliability.Person@Example.com";
    private PinterestSandbox _sandbox = null!;
    private readonly Recorder _recorder = new();
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public async Task InitializeAsync() => _sandbox = await Sandboxes.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    /// <summary>
    /// The first request (a batch of offline events) is reset after processing; then 10% 429 and 503, 2% resets before
    /// processing and 2% after, on every request, in a seeded order.
    /// </summary>
    private static SandboxFaultPlan Faults(double statusRate = 0.05, double resetRate = 0.02) => new()
    {
        Seed = 2026,
        Rules =
        [
            new SandboxFaultRule { Kind = SandboxFaultKind.ResetAfter, Count = 1 },
            new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 429, RetryAfterSeconds = 0, Rate = statusRate },
            new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503, Rate = statusRate / (1 - statusRate) },
            new SandboxFaultRule { Kind = SandboxFaultKind.ResetBefore, Rate = resetRate },
            new SandboxFaultRule { Kind = SandboxFaultKind.ResetAfter, Rate = resetRate },
        ],
    };

    /// <summary>Every tenth block (the first included) is offline store sales; the rest web checkouts and page visits.</summary>
    private static bool IsOffline(int i, int block) => i / block % 10 == 0;

    private static PinterestEnqueueResult Enqueue(IPinterestEventQueue queue, int i, int block)
    {
        if (IsOffline(i, block)) return queue.Enqueue(new StoreSale { Id = $"e-{i}", At = Now, Email = RawEmail });
        return i % 2 == 0 ? queue.Enqueue(Make.Purchase($"e-{i}", Now, email: RawEmail)) : queue.Enqueue(Make.Visit($"e-{i}", Now));
    }

    /// <summary>
    /// The first block (offline) goes alone, so that it is the first request, which the plan resets after processing;
    /// then the rest, which the sender takes several requests at a time.
    /// </summary>
    private async Task EnqueueFirstBlockAloneAsync(IPinterestEventQueue queue, int total, int block)
    {
        for (var i = 0; i < block; i++) Assert.True(Enqueue(queue, i, block).IsEnqueued);
        await _recorder.WaitForAsync(block);
        for (var i = block; i < total; i++) Assert.True(Enqueue(queue, i, block).IsEnqueued);
    }

    [Fact]
    public async Task HundredThousandEvents_WithFaults_EachEndsWithExactlyOneOutcome()
    {
        const int total = 100_000;
        var logs = new CapturingLoggerProvider();
        _sandbox.SetFaults(Faults());
        using var host = Hosts.Build(_sandbox, _recorder, o =>
        {
            o.Queue.Capacity = total;
            o.Queue.FlushInterval = TimeSpan.FromSeconds(2);
            o.Retry.MaxRetries = 8;
        }, logs);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        using var enqueued = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.enqueued");
        using var processed = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.processed");
        using var unknown = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.unknown");
        using var dropped = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.dropped");
        using var retried = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.retried");
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();

        var watch = Stopwatch.StartNew();
        await EnqueueFirstBlockAloneAsync(queue, total, 1000);
        var enqueueTime = watch.Elapsed;
        await _recorder.WaitForAsync(total, TimeSpan.FromSeconds(90));
        var sendTime = watch.Elapsed;
        await host.StopAsync();

        // Exactly one outcome per event, none dropped, none failed or rejected.
        var outcomes = _recorder.Outcomes.ToArray();
        Assert.Empty(_recorder.Dropped);
        Assert.Equal(total, outcomes.Length);
        Assert.Equal(total, outcomes.Select(o => o.EventId).Distinct().Count());
        Assert.All(outcomes, o => Assert.True(o.Status is PinterestEventStatus.Processed or PinterestEventStatus.Unknown, o.ToString()));
        var unknownIds = outcomes.Where(o => o.Status == PinterestEventStatus.Unknown).Select(o => o.EventId!).ToHashSet();
        var processedCount = total - unknownIds.Count;
        // Only batches holding offline events may end unknown: the others are retried until answered.
        Assert.All(unknownIds, id => Assert.True(IsOffline(int.Parse(id[2..]), 1000), id));
        Assert.NotEmpty(unknownIds); // the first, offline, batch was reset after processing and not retried

        // The sandbox's distinct event ids: every processed one, plus those unknown ones that did arrive, nothing else.
        var report = _sandbox.GetReport();
        var distinctReceived = report.Totals.Processed - report.Totals.DuplicateReceipts;
        Assert.Equal(0, report.Totals.Failed);
        Assert.InRange(distinctReceived, processedCount, processedCount + unknownIds.Count);
        Assert.All(report.RecentEvents, e => Assert.True(int.Parse(e.EventId[2..]) is >= 0 and < total));
        // No offline event was received twice (offline events are the only "lead" events).
        var offline = Assert.Single(report.ByEvent, c => c.EventName == "lead" && c.Channel == "api");
        Assert.Equal(0, offline.DuplicateReceipts);
        Assert.True(report.Requests.Faulted > 0, "the plan injected faults");

        // Counted, and never silently.
        Assert.Equal(total, enqueued.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(processedCount, processed.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(unknownIds.Count, unknown.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(0, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.True(retried.GetMeasurementSnapshot().EvaluateAsCounter() > 0);
        Assert.DoesNotContain(Sandboxes.Token, logs.All);
        Assert.DoesNotContain("reliability.person", logs.All, StringComparison.OrdinalIgnoreCase);

        output.WriteLine($"{total} events: enqueued in {enqueueTime.TotalSeconds:F2} s, all outcomes after {sendTime.TotalSeconds:F2} s; " +
            $"{processedCount} processed, {unknownIds.Count} unknown; requests {report.Requests.Total}, faulted {report.Requests.Faulted}; " +
            $"sandbox distinct {distinctReceived}, duplicate receipts {report.Totals.DuplicateReceipts}; retried events {retried.GetMeasurementSnapshot().EvaluateAsCounter()}");
    }

    [Fact]
    public async Task FiveThousandEvents_WithHeavyFaults_SandboxIdsEqualEnqueuedMinusUnknown()
    {
        // Small enough for the sandbox's recent-event list (10,000 receipts) to hold every receipt: exact sets.
        const int total = 5_000;
        _sandbox.SetFaults(Faults(statusRate: 0.10, resetRate: 0.06));
        using var host = Hosts.Build(_sandbox, _recorder, o =>
        {
            o.Queue.BatchSize = 100;
            o.Queue.FlushInterval = TimeSpan.FromSeconds(2);
            o.Retry.MaxRetries = 10;
        });
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        await EnqueueFirstBlockAloneAsync(queue, total, 100);
        await _recorder.WaitForAsync(total, TimeSpan.FromSeconds(60));
        await host.StopAsync();

        var outcomes = _recorder.Outcomes.ToArray();
        Assert.Equal(total, outcomes.Length);
        Assert.Equal(total, outcomes.Select(o => o.EventId).Distinct().Count());
        var enqueuedIds = Enumerable.Range(0, total).Select(i => $"e-{i}").ToHashSet();
        var unknownIds = outcomes.Where(o => o.Status == PinterestEventStatus.Unknown).Select(o => o.EventId!).ToHashSet();
        Assert.Equal(total, outcomes.Count(o => o.Status is PinterestEventStatus.Processed or PinterestEventStatus.Unknown));

        var report = _sandbox.GetReport();
        Assert.True(report.Totals.Received <= 10_000, "every receipt is in the recent list");
        var received = report.RecentEvents.Where(e => e.Channel == "api").ToArray();
        var receivedIds = received.Select(e => e.EventId).ToHashSet();
        Assert.Subset(enqueuedIds, receivedIds);
        receivedIds.ExceptWith(unknownIds);
        enqueuedIds.ExceptWith(unknownIds);
        Assert.Equal(enqueuedIds.Order(), receivedIds.Order());
        // No offline event received twice.
        Assert.All(received.Where(e => e.ActionSource == "offline").GroupBy(e => e.EventId), g => Assert.Single(g));
        Assert.NotEmpty(unknownIds);                        // offline batches reset after sending are not retried
        Assert.True(report.Totals.DuplicateReceipts > 0);   // web batches reset after processing were retried
        output.WriteLine($"{total} events: {unknownIds.Count} unknown, {report.Totals.DuplicateReceipts} duplicate receipts (web retries), {report.Requests.Total} requests, {report.Requests.Faulted} faulted");
    }

    [Fact]
    public async Task Shutdown_With5000Queued_DrainsThemAll()
    {
        using var host = Hosts.Build(_sandbox, _recorder, o =>
        {
            o.Queue.FlushInterval = TimeSpan.FromMinutes(10); // only full batches or shutdown send
            o.Queue.DrainTimeout = TimeSpan.FromSeconds(30);
        });
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 5_000; i++) Assert.True(queue.Enqueue(Make.Visit($"d-{i}", Now)).IsEnqueued);
        for (var i = 0; i < 500; i++) Assert.True(queue.Enqueue(Make.Visit($"tail-{i}", Now)).IsEnqueued); // a partial last batch

        var watch = Stopwatch.StartNew();
        await host.StopAsync();
        watch.Stop();

        Assert.Equal(5_500, _recorder.Outcomes.Count);
        Assert.All(_recorder.Outcomes, o => Assert.Equal(PinterestEventStatus.Processed, o.Status));
        Assert.Empty(_recorder.Dropped);
        Assert.Equal(0, queue.Count);
        Assert.Equal(5_500, _sandbox.GetReport().Totals.Processed);
        output.WriteLine($"drained 5,500 events in {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Shutdown_PastTheDrainTimeout_ReportsEveryEventLeft()
    {
        _sandbox.SetFaults(Sandboxes.Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 60_000 }));
        using var host = Hosts.Build(_sandbox, _recorder, o =>
        {
            o.Queue.BatchSize = 500;
            o.Queue.DrainTimeout = TimeSpan.FromMilliseconds(500);
        });
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        using var dropped = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.dropped");
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 3_000; i++) queue.Enqueue(Make.Visit($"s-{i}", Now));

        await host.StopAsync();

        // The stop did not wait for the answer (60 s away; the drain timeout is 500 ms): the sandbox has processed nothing.
        // The batch in flight is unknown (cancelled while sent); the rest is dropped, each one reported and counted.
        Assert.Equal(0, _sandbox.GetReport().Totals.Processed);
        Assert.Equal(3_000, _recorder.Outcomes.Count + _recorder.Dropped.Count);
        Assert.All(_recorder.Outcomes, o => Assert.Equal(PinterestEventStatus.Unknown, o.Status));
        Assert.All(_recorder.Dropped, d => Assert.Equal(PinterestDropReason.DrainTimeout, d.Reason));
        Assert.Equal(_recorder.Dropped.Count, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
        Assert.Equal(3_000, _recorder.Outcomes.Concat<object>(_recorder.Dropped).Count());
    }

    [Fact]
    public async Task Shutdown_PastTheDrainTimeout_DuringAnOutage_ReportsNotSent_NotUnknown()
    {
        // Found by an outside reliability run: a batch cut off at the drain timeout was reported Unknown although every
        // attempt got a 503 (which says "not processed"). Now it is dropped as not sent, and nothing is Unknown.
        _sandbox.SetFaults(Sandboxes.Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503 }));
        // A request written and not yet answered at the cut-off is honestly Unknown; this test is about the cut-off
        // between attempts, so the backoff after the first 503 (full jitter below 10 s) outlasts the drain.
        using var host = Hosts.Build(_sandbox, _recorder, o =>
        {
            o.Queue.DrainTimeout = TimeSpan.FromMilliseconds(300);
            o.Retry.BaseDelay = o.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        });
        using var retried = new MetricCollector<long>(host.Services.GetRequiredService<IMeterFactory>(), PinterestMetrics.MeterName, "pinterest.conversions.events.retried");
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 50; i++) Assert.True(queue.Enqueue(Make.Visit($"o-{i}", Now)).IsEnqueued);
        // The first 503 read and its backoff begun: the sandbox counts the fault before the client has read it.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (retried.GetMeasurementSnapshot().Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "a 503 was read and its retry planned");
            await Task.Delay(10);
        }
        await host.StopAsync();

        Assert.True(_sandbox.GetReport().Requests.Faulted > 0);
        Assert.Empty(_recorder.Outcomes);
        Assert.Equal(50, _recorder.Dropped.Count);
        Assert.All(_recorder.Dropped, d => Assert.Equal(PinterestDropReason.DrainTimeout, d.Reason));
        // On a slow machine some events may still be waiting for their first attempt (claimed one batch at a time);
        // the ones that met the 503s carry their attempt count.
        Assert.Contains(_recorder.Dropped, d => d.Attempts > 0);
    }

    [Fact]
    public async Task FullQueue_UnderConcurrentEnqueue_EveryRefusalIsReported()
    {
        using var host = Hosts.Build(_sandbox, _recorder, o => o.Queue.Capacity = 1_000);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        using var dropped = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.dropped");
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>(); // not started

        var statuses = await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
            Enumerable.Range(0, 2_000).Select(i => queue.Enqueue(Make.Visit($"c-{t}-{i}", Now)).Status).ToArray())));
        var all = statuses.SelectMany(s => s).ToArray();

        Assert.Equal(1_000, all.Count(s => s == PinterestEnqueueStatus.Enqueued));
        Assert.Equal(7_000, all.Count(s => s == PinterestEnqueueStatus.QueueFull));
        Assert.Equal(7_000, dropped.GetMeasurementSnapshot().EvaluateAsCounter());
        await host.StartAsync();
        await _recorder.WaitForAsync(1_000);
        await host.StopAsync();
        Assert.Equal(1_000, _sandbox.GetReport().Totals.Processed);
    }

    [Fact]
    public async Task WrongToken_ThroughTheQueue_PausesTheAccount_KeepsItsEvents_AndNeverLogsIt()
    {
        const string wrong = "pina_wrong_token_7f1e";
        var logs = new CapturingLoggerProvider();
        using var host = Hosts.Build(_sandbox, _recorder, o =>
        {
            o.AccessToken = wrong;
            o.Queue.FlushInterval = TimeSpan.FromMilliseconds(10);
            o.Queue.DrainTimeout = TimeSpan.FromMilliseconds(200);
            // No probe of the paused account during the test: one in flight at the drain's cut-off would end Unknown.
            o.Retry.BaseDelay = o.Retry.MaxDelay = TimeSpan.FromSeconds(10);
        }, logs);
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 3; i++) Assert.True(queue.Enqueue(Make.Purchase($"w-{i}", Now, email: RawEmail)).IsEnqueued);

        var health = host.Services.GetRequiredService<PinterestHealthMonitor>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (health.GetReport().PausedAccounts.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);

        // A 401 pauses the account: its events wait, none fails, and the health report says why.
        var paused = Assert.Single(health.GetReport().PausedAccounts);
        Assert.Null(paused.Account);
        Assert.Contains("HTTP 401", paused.Reason);
        Assert.Contains(health.GetReport().Reasons, r => r.Contains("paused", StringComparison.Ordinal));
        Assert.Empty(_recorder.Outcomes);
        Assert.Equal(3, queue.Count);
        var statistics = await host.Services.GetRequiredService<IPinterestOutbox>().GetStatisticsAsync();
        Assert.True(Assert.Single(statistics.Accounts).IsPaused);
        Assert.Equal(3, statistics.Pending + statistics.InFlight);

        // Without an outbox, shutdown reports what it could not send; never silently.
        await host.StopAsync();
        Assert.Equal(3, _recorder.Dropped.Count);
        Assert.All(_recorder.Dropped, d => Assert.Equal(PinterestDropReason.DrainTimeout, d.Reason));
        Assert.Contains(logs.Lines, l => l.Text.Contains("HTTP 401", StringComparison.Ordinal));
        Assert.DoesNotContain(wrong, logs.All);
        Assert.DoesNotContain("reliability.person", logs.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BadInput_ThroughTheQueue_GivesClearOutcomes()
    {
        var logs = new CapturingLoggerProvider();
        using var host = Hosts.Build(_sandbox, _recorder, logs: logs);
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        var huge = new string('y', 1 << 20);

        Assert.Throws<ArgumentNullException>(() => queue.Enqueue<Purchase>(null!));
        Assert.Equal(PinterestEnqueueStatus.Unsendable, queue.Enqueue(new Purchase { OrderId = "only-huge", At = Now, Email = huge }).Status);
        Assert.Equal(PinterestEnqueueStatus.Unsendable, queue.Enqueue(new StoreSale { Id = "bad-email", At = Now, Email = "no-at-sign" }).Status);
        Assert.Equal(PinterestEnqueueStatus.Unsendable, queue.Enqueue(Make.Purchase("", Now)).Status);
        // A send would refuse these: the queue refuses them at once (issue 13), with the rule that would.
        var future = queue.Enqueue(Make.Purchase("future", Now.AddHours(1), email: RawEmail));
        var stale = queue.Enqueue(Make.Purchase("stale", Now.AddDays(-30), email: RawEmail));
        Assert.Equal((PinterestEnqueueStatus.EventTimeOutOfRange, PinterestRejectionReason.EventTimeInFuture), (future.Status, future.RejectionReason));
        Assert.Equal((PinterestEnqueueStatus.EventTimeOutOfRange, PinterestRejectionReason.EventTimeTooOld), (stale.Status, stale.RejectionReason));
        queue.Enqueue(Make.Purchase("bad-email-but-ip", Now, email: "no-at-sign"));
        for (var i = 0; i < 1_001; i++) queue.Enqueue(Make.Visit($"many-{i}", Now));
        await _recorder.WaitForAsync(1_002);
        await host.StopAsync();

        var byId = _recorder.Outcomes.ToDictionary(o => o.EventId!);
        Assert.DoesNotContain("future", byId.Keys);
        Assert.DoesNotContain("stale", byId.Keys);
        Assert.Equal(PinterestEventStatus.Processed, byId["bad-email-but-ip"].Status);
        Assert.Equal(PinterestHashStatus.Invalid, byId["bad-email-but-ip"].Report.GetDropReason(PinterestField.Email));
        Assert.Equal(1_001, _recorder.Outcomes.Count(o => o.EventId!.StartsWith("many-", StringComparison.Ordinal) && o.Status == PinterestEventStatus.Processed));
        Assert.All(_recorder.Results, r => Assert.All(r.Requests, q => Assert.True(q.EventCount <= 1000)));
        Assert.DoesNotContain("reliability.person", logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no-at-sign", logs.All, StringComparison.Ordinal);
    }
}
