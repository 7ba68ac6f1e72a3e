using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Outbox.Tests.Delivery;

/// <summary>
/// The sender on a <see cref="FakeTimeProvider"/> (the store and the engine take every time from it), against the
/// sandbox over loopback: the rate limit per ad account, expiry, and the 48-hour test made at every claim.
/// </summary>
public sealed class FakeTimeDeliveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly Recorder _recorder = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private PinterestSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await OutboxHosts.StartSandboxAsync(o => o.TimeProvider = _time); // one clock for both ends

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _directory.Dispose();
    }

    private IHost Build(Action<PinterestConversionsOptions>? configure = null, RequestStamps? stamps = null, bool durable = false) =>
        OutboxHosts.Build(_sandbox, durable ? _directory.File("outbox.db") : null, _recorder, configure,
            services => services.AddSingleton<TimeProvider>(_time),
            builder =>
            {
                if (stamps is not null) builder.AddHttpMessageHandler(() => new Stamp(_time, stamps));
            });

    [Fact]
    public async Task RateLimit_NoMinuteEverHoldsMoreThanTheLimit_AndTheRunTakesAsLongAsItMust()
    {
        // 20,000 events in batches of 10: 2,000 requests for one ad account under 60 a minute.
        var stamps = new RequestStamps();
        using var host = Build(o =>
        {
            o.Queue.BatchSize = 10;
            o.Queue.Capacity = 20_000;
            o.Delivery.RequestsPerMinute = 60;
            KeepAttemptsWhole(o); // each batch exactly one request, even with a 15-second step taken while it is on its way
        }, stamps);
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 20_000; i++) Assert.True(queue.Enqueue(new Order { Id = $"r-{i}" }).IsEnqueued);
        await host.StartAsync();

        var start = _time.GetUtcNow();
        while (_recorder.Processed < 20_000)
        {
            await stamps.QuietAsync($"{_recorder.Processed} processed");
            if (_time.GetUtcNow() - start > TimeSpan.FromHours(2)) throw new TimeoutException($"{_recorder.Processed} processed after two fake hours");
            _time.Advance(TimeSpan.FromSeconds(15));
        }
        await host.StopAsync();

        var times = stamps.Times.Order().ToArray();
        var report = _sandbox.GetReport();
        output.WriteLine($"requests {times.Length}, sandbox: received {report.Totals.Received}, duplicates {report.Totals.DuplicateReceipts}, statuses {string.Join(",", report.Requests.ByStatus.Select(kv => kv.Key + "=" + kv.Value))}");
        Assert.Equal(2_000, times.Length);
        var busiest = times.Select((t, i) => times.Skip(i).TakeWhile(u => u < t + TimeSpan.FromMinutes(1)).Count()).Max();
        Assert.True(busiest <= 60, $"a 60-second window held {busiest} requests");
        var span = times[^1] - times[0];
        Assert.True(span >= TimeSpan.FromMinutes(33), $"the run took {span} of fake time");
        output.WriteLine($"2,000 requests over {span.TotalMinutes:F1} fake minutes; the busiest minute held {busiest}");
    }

    [Fact]
    public async Task AnEventOlderThanTheMaximumAgeWhenClaimed_IsParkedExpired_AndReported()
    {
        using var host = Build(durable: true);
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        Assert.True(queue.Enqueue(new Order { Id = "too-late" }).IsEnqueued);
        _time.Advance(TimeSpan.FromDays(8)); // the sender was down for eight days
        await host.StartAsync();

        await Recorder.WaitUntilAsync(() => _recorder.Dropped.Count == 1, "the expired event");
        var dropped = Assert.Single(_recorder.Dropped);
        Assert.Equal((PinterestDropReason.Expired, "too-late", 0), (dropped.Reason, dropped.EventId, dropped.Attempts));
        var outbox = host.Services.GetRequiredService<IPinterestOutbox>();
        var parked = new List<PinterestParkedEvent>();
        await foreach (var p in outbox.GetParkedAsync()) parked.Add(p);
        Assert.Equal(PinterestParkReason.Expired, Assert.Single(parked).Reason);
        Assert.Equal(0, await outbox.RedriveAsync(PinterestOutboxSelection.All)); // an expired event is never redriven
        Assert.Equal(0, _sandbox.GetReport().Requests.Total);
        await host.StopAsync();
    }

    [Fact]
    public async Task AnEventThatMayHaveBeenProcessed_AndWaitedPastTheDedupWindow_IsParkedOutcomeUnknown_NotSentAgain()
    {
        // The first request is processed, then its connection is cut: the event may have been processed. A long pause
        // of the account (here: the sender waits out a 48-hour outage) puts the resend past FirstSentAt + 47 hours.
        _sandbox.SetFaults(new SandboxFaultPlan { Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.ResetAfter, Count = 1 }] });
        var stamps = new RequestStamps();
        // The retry delay is jittered in [0, BaseDelay): from a base of 20 ms it was under the store's 1 ms resolution about
        // once in twenty, and the event went again at once, with no step of the clock. From an hour's base it never is.
        using var host = Build(o => o.Retry.BaseDelay = o.Retry.MaxDelay = TimeSpan.FromHours(1), stamps, durable: true);
        await host.StartAsync();
        Assert.True(host.Services.GetRequiredService<IPinterestEventQueue>().Enqueue(new Order { Id = "maybe" }).IsEnqueued);
        // The clock runs past the flush interval until the first attempt leaves, and stands still from then on: a step
        // after the cut could end the retry delay (jittered, it may be a fraction of a millisecond) and send it again.
        await RunClockUntilAsync(() => stamps.Times.Count >= 1, "the first attempt");
        await Recorder.WaitUntilAsync(() => _sandbox.GetReport().Totals.Received == 1, "the first attempt processed");
        // Only once the event is back in the outbox, due after its retry delay, may the clock jump (moved earlier, the
        // delay would start after the jump and never end).
        await WaitUntilWaitingAsync(host, 1, "the cut attempt rescheduled");

        _time.Advance(TimeSpan.FromHours(47)); // the 48-hour test is made at the claim, before anything is sent
        await Recorder.WaitUntilAsync(() => _recorder.Outcomes.Count == 1, "the outcome");
        var outcome = Assert.Single(_recorder.Outcomes);
        Assert.Equal(PinterestEventStatus.Unknown, outcome.Status);
        Assert.Contains("deduplicates within 48 hours", outcome.Message);
        Assert.Equal(1, _sandbox.GetReport().Totals.Received); // never resent
        await host.StopAsync();
    }

    [Fact]
    public async Task AnEventAheadOfTheStoresClock_WaitsUntilItsTime_ThenGoes()
    {
        // Another instance's clock ran two minutes ahead: Pinterest would refuse the event now, not in two minutes.
        var stamps = new RequestStamps();
        using var host = Build(KeepAttemptsWhole, stamps, durable: true);
        await host.StartAsync();
        var at = _time.GetUtcNow().AddMinutes(2);
        Assert.True(host.Services.GetRequiredService<IPinterestEventQueue>().Enqueue(new Order { Id = "ahead", At = at }).IsEnqueued);

        await RunClockUntilAsync(() => _recorder.Processed == 1, "the event at its time", TimeSpan.FromSeconds(1));
        var sent = Assert.Single(stamps.Times); // one request, at its time: none refused before it
        Assert.True(sent.ToUnixTimeSeconds() >= at.ToUnixTimeSeconds(), $"sent at {sent:HH:mm:ss}, before its event_time {at:HH:mm:ss}");
        await host.StopAsync();
    }

    [Fact]
    public async Task OutboxGauges_ReadASnapshot_AndLateDeliveriesAreCounted()
    {
        using var host = Build(KeepAttemptsWhole, durable: true);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        using var pending = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.outbox.pending");
        using var late = new MetricCollector<long>(factory, PinterestMetrics.MeterName, "pinterest.conversions.events.late");
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        _sandbox.SetFaults(new SandboxFaultPlan { Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503 }] });
        Assert.True(queue.Enqueue(new Order { Id = "old", At = _time.GetUtcNow().AddHours(-2) }).IsEnqueued);
        Assert.True(queue.Enqueue(new Order { Id = "new" }).IsEnqueued);
        await host.StartAsync();
        // Two events are no full batch: the first attempt waits for the flush interval.
        await RunClockUntilAsync(() => _sandbox.GetReport().Requests.Faulted > 0, "an attempt");
        await WaitUntilWaitingAsync(host, 2, "the attempt's events pending again, due later in fake time");
        _time.Advance(TimeSpan.FromSeconds(6)); // the statistics snapshot is refreshed every few seconds
        await Recorder.WaitUntilAsync(() => { pending.RecordObservableInstruments(); return pending.LastMeasurement?.Value == 2; }, "the pending gauge");

        _sandbox.SetFaults(null);
        await RunClockUntilAsync(() => _recorder.Processed == 2, "both events processed", TimeSpan.FromMilliseconds(100)); // past the retry delay
        Assert.Equal(1, late.GetMeasurementSnapshot().EvaluateAsCounter()); // received over an hour after its event_time
        await host.StopAsync();
    }

    // The attempt timeout runs on the fake clock: a step taken while a request is on its way could cut it off and send it
    // again. An hour keeps every attempt whole.
    private static void KeepAttemptsWhole(PinterestConversionsOptions options) =>
        options.Retry.AttemptTimeout = options.Retry.TotalTimeout = TimeSpan.FromHours(1);

    // Lets the fake clock run in small steps until `condition` holds. A single jump can land before the sender has started
    // the timer it waits on (an enqueue is written on another thread), and a timer started after the jump never fires.
    private async Task RunClockUntilAsync(Func<bool> condition, string what, TimeSpan? step = null)
    {
        var start = _time.GetUtcNow();
        try
        {
            await Recorder.WaitUntilAsync(() =>
            {
                if (condition()) return true;
                _time.Advance(step ?? TimeSpan.FromMilliseconds(1));
                return false;
            }, what);
        }
        catch (TimeoutException e)
        {
            var report = _sandbox.GetReport();
            throw new TimeoutException($"{e.Message}, after {(_time.GetUtcNow() - start).TotalMilliseconds} fake ms: the sandbox had {report.Requests.Total} requests " +
                $"({report.Requests.Faulted} faulted), {report.Totals.Received} events received; {_recorder.Outcomes.Count} outcomes, {_recorder.Dropped.Count} dropped.", e);
        }
    }

    // Waits until the outbox holds exactly `pending` events, none of them claimed: the sender is done with this instant.
    private static async Task WaitUntilWaitingAsync(IHost host, long pending, string what)
    {
        var outbox = host.Services.GetRequiredService<IPinterestOutbox>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await outbox.GetStatisticsAsync() is var statistics && (statistics.Pending != pending || statistics.InFlight != 0))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what}: {statistics.Pending} pending, {statistics.InFlight} in flight.");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// The fake time of every request that leaves, and how many are on their way. <see cref="QuietAsync"/> lets the sender
    /// finish what it can do at this fake instant before the clock moves again.
    /// </summary>
    private sealed class RequestStamps
    {
        private readonly ConcurrentQueue<DateTimeOffset> _times = new();
        private int _inFlight;

        public IReadOnlyCollection<DateTimeOffset> Times => _times;

        public void Leaving(DateTimeOffset now)
        {
            Interlocked.Increment(ref _inFlight);
            _times.Enqueue(now);
        }

        public void Answered() => Interlocked.Decrement(ref _inFlight);

        // Quiet: nothing on its way and nothing leaving for eight polls in a row. A permit is taken before its request
        // is stamped, so advancing the clock in between (a starved thread on a loaded machine) would stamp it late: one
        // poll of 30 ms, then four, were each seen to be too short with two test runs at once. Never quiet within 60 s
        // is a failure, not a hang.
        public async Task QuietAsync(string progress)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            var seen = -1;
            var quietPolls = 0;
            while (quietPolls < 8)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"The sender never went quiet: {Volatile.Read(ref _inFlight)} requests on their way, {_times.Count} sent, {progress}.");
                quietPolls = seen == _times.Count && Volatile.Read(ref _inFlight) == 0 ? quietPolls + 1 : 0;
                seen = _times.Count;
                await Task.Delay(30);
            }
        }
    }

    /// <summary>Stamps every request that leaves with the fake time, and counts it answered when its response is back.</summary>
    private sealed class Stamp(TimeProvider time, RequestStamps stamps) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            stamps.Leaving(time.GetUtcNow());
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                stamps.Answered();
            }
        }
    }
}
