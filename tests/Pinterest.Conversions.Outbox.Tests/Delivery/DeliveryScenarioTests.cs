using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Outbox.Tests.Delivery;

/// <summary>
/// The sender on the SQLite outbox against the sandbox over loopback HTTP: outages, a revoked token among healthy
/// accounts, a failing account beside a healthy one, 422 details and redrive, shutdown that drops nothing.
/// </summary>
public sealed class DeliveryScenarioTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly Recorder _recorder = new();
    private PinterestSandbox _sandbox = null!;

    private string DbPath => _directory.File("outbox.db");

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public async Task InitializeAsync() => _sandbox = await OutboxHosts.StartSandboxAsync();

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task AnOutageLongerThanAnyRetryBudget_EveryEventIsDeliveredAfterIt_NoneParked()
    {
        _sandbox.SetFaults(new SandboxFaultPlan { Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503 }] });
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder, o =>
        {
            o.Queue.BatchSize = 100;
            o.Retry.MaxRetries = 1; // the HTTP client's budget: the outbox never gives up on it
        });
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 1_000; i++)
            Assert.True(queue.Enqueue(new Order { Id = $"out-{i}", Source = i % 5 == 0 ? ActionSource.Offline : ActionSource.Web }).IsEnqueued);

        await Recorder.WaitUntilAsync(() => _sandbox.GetReport().Requests.Faulted >= 10, "an outage of many attempts");
        Assert.Empty(_recorder.Outcomes);
        var outbox = host.Services.GetRequiredService<IPinterestOutbox>();
        Assert.Equal(0, (await outbox.GetStatisticsAsync()).Parked);

        _sandbox.SetFaults(null); // Pinterest is back
        await Recorder.WaitUntilAsync(() => _recorder.Processed == 1_000, "every event processed");
        var statistics = await outbox.GetStatisticsAsync();
        Assert.Equal((0L, 0L, 0L), (statistics.Pending, statistics.InFlight, statistics.Parked));
        var received = _sandbox.GetReport().RecentEvents.Where(e => e.Status == "processed").ToList();
        Assert.Equal(1_000, received.Select(e => e.EventId).Distinct().Count());
        Assert.All(received.Where(e => e.ActionSource == "offline").GroupBy(e => e.EventId), g => Assert.Single(g));
        await host.StopAsync();
    }

    [Fact]
    public async Task ARevokedToken_PausesOnlyItsAccount_TheOthersSendAtFullSpeed_ItsEventsGoOutOnceFixed()
    {
        var resolver = new Tenants();
        resolver.Set("alpha", "1001", OutboxHosts.Token);
        resolver.Set("beta", "1002", OutboxHosts.Token);
        resolver.Set("gamma", "1003", "pina_revoked_token");
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder, o => o.Queue.BatchSize = 10,
            services => services.AddSingleton<IPinterestAccountResolver>(resolver));
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 1_000; i++)
            foreach (var tenant in new[] { "alpha", "beta", "gamma" })
                Assert.True(queue.Enqueue(new Order { Id = $"{tenant}-{i}" }, tenant).IsEnqueued);

        int ProcessedOf(string tenant) => _recorder.Outcomes.Count(o => o.Status == PinterestEventStatus.Processed && o.EventId!.StartsWith(tenant, StringComparison.Ordinal));
        await Recorder.WaitUntilAsync(() => ProcessedOf("alpha") == 1_000 && ProcessedOf("beta") == 1_000, "the healthy accounts");
        var healthyTime = watch.Elapsed;

        // The revoked account: paused and reported, none of its events lost, and it kept none of the slots.
        var health = host.Services.GetRequiredService<PinterestHealthMonitor>();
        var paused = Assert.Single(health.GetReport().PausedAccounts);
        Assert.Equal("gamma", paused.Account);
        Assert.Contains("HTTP 401", paused.Reason);
        Assert.Single(health.GetReport("gamma").PausedAccounts);
        Assert.Empty(health.GetReport("alpha").PausedAccounts);
        var gamma = (await host.Services.GetRequiredService<IPinterestOutbox>().GetStatisticsAsync()).Accounts.Single(a => a.Account == "gamma");
        Assert.True(gamma.IsPaused);
        Assert.Equal(1_000, gamma.Pending + gamma.InFlight);
        Assert.Equal(0, ProcessedOf("gamma"));
        var refused = _sandbox.GetReport().Requests.ByStatus.GetValueOrDefault("401");
        // Probes only: the pause doubles from 20 ms to its 1 s maximum (6 steps), then one probe a second; never a request
        // for each of its 100 batches.
        Assert.InRange(refused, 1, 8 + (long)healthyTime.TotalSeconds);
        output.WriteLine($"alpha and beta: 2,000 events in {healthyTime.TotalMilliseconds:F0} ms while gamma was paused after {refused} refused requests");

        resolver.Set("gamma", "1003", OutboxHosts.Token); // the tenant fixes its token
        await Recorder.WaitUntilAsync(() => ProcessedOf("gamma") == 1_000, "the fixed account");
        Assert.Empty(health.GetReport().PausedAccounts);
        Assert.Empty(_recorder.Dropped);
        await host.StopAsync();
    }

    [Fact]
    public async Task AFailingAccount_NeverHoldsUpAHealthyOne()
    {
        // Found by an outside reliability run: one circuit breaker for every account made a healthy one wait up to 7.4 s.
        var failures = new ConcurrentQueue<DateTimeOffset>(); // shared: the client builds a new handler now and then
        var resolver = new Tenants();
        resolver.Set("sick", "2001", OutboxHosts.Token);
        resolver.Set("well", "2002", OutboxHosts.Token);
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder, o =>
        {
            o.Queue.BatchSize = 20;
            o.Retry.CircuitBreakerMinimumThroughput = 2;
            // A breaker shared with the sick account would hold the healthy one for ten minutes: far past the wait below.
            o.Retry.CircuitBreakerBreakDuration = TimeSpan.FromMinutes(10);
        }, services => services.AddSingleton<IPinterestAccountResolver>(resolver),
            builder => builder.AddHttpMessageHandler(() => new FailAdAccount("2001", HttpStatusCode.InternalServerError, failures)));
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 200; i++) queue.Enqueue(new Order { Id = $"sick-{i}" }, "sick");
        await Recorder.WaitUntilAsync(() => failures.Count >= 2, "the sick account's breaker opens"); // its minimum throughput
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++) queue.Enqueue(new Order { Id = $"well-{i}" }, "well");
        await Recorder.WaitUntilAsync(() => _recorder.Processed == 200, "the healthy account", TimeSpan.FromSeconds(60));
        output.WriteLine($"the healthy account's 200 events took {watch.ElapsedMilliseconds} ms while the sick account's breaker was open");

        Assert.All(_recorder.Outcomes, o => Assert.StartsWith("well-", o.EventId));
        var sick = (await host.Services.GetRequiredService<IPinterestOutbox>().GetStatisticsAsync()).Accounts.Single(a => a.Account == "sick");
        Assert.Equal(200, sick.Pending + sick.InFlight); // waiting, none lost
        await host.StopAsync();
    }

    [Fact]
    public async Task A422WithDetails_ParksExactlyTheFailedEvents_WithPinterestsMessage_AndRedriveSendsThemAgain()
    {
        // The sandbox's clock runs 3 minutes behind the sender's: events stamped now are in its future and fail; events
        // stamped 3 minutes ago pass. (The sender holds back only events ahead of its own clock.)
        await _sandbox.DisposeAsync();
        var sandboxTime = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-3));
        _sandbox = await OutboxHosts.StartSandboxAsync(o => o.TimeProvider = sandboxTime);
        using var host = OutboxHosts.Build(_sandbox, DbPath, _recorder, o => o.Queue.FlushInterval = TimeSpan.FromMilliseconds(300));
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 10; i++)
            Assert.True(queue.Enqueue(new Order { Id = i < 3 ? $"ahead-{i}" : $"fine-{i}", At = i < 3 ? Now : Now.AddMinutes(-3) }).IsEnqueued);

        await Recorder.WaitUntilAsync(() => _recorder.Outcomes.Count == 10, "ten outcomes");
        Assert.Equal(7, _recorder.Processed);
        var outbox = host.Services.GetRequiredService<IPinterestOutbox>();
        var parked = new List<PinterestParkedEvent>();
        await foreach (var p in outbox.GetParkedAsync()) parked.Add(p);
        Assert.Equal(["ahead-0", "ahead-1", "ahead-2"], parked.Select(p => p.EventId).Order());
        Assert.All(parked, p =>
        {
            Assert.Equal(PinterestParkReason.Rejected, p.Reason);
            Assert.Contains("future", p.Message, StringComparison.OrdinalIgnoreCase);
        });
        Assert.All(_recorder.Outcomes.Where(o => o.EventId!.StartsWith("ahead", StringComparison.Ordinal)), o => Assert.Equal(PinterestEventStatus.Failed, o.Status));

        sandboxTime.Advance(TimeSpan.FromMinutes(5)); // now they are not in the future any more
        Assert.Equal(3, await outbox.RedriveAsync(new PinterestOutboxSelection { Reason = PinterestParkReason.Rejected }));
        await Recorder.WaitUntilAsync(() => _recorder.Processed == 10, "the redriven events");
        Assert.Equal(0, (await outbox.GetStatisticsAsync()).Parked);
        await host.StopAsync();
    }

    [Fact]
    public async Task Shutdown_WaitsForAttemptsInFlight_ReleasesTheRest_DropsNothing_TheNextProcessDeliversIt()
    {
        _sandbox.SetFaults(new SandboxFaultPlan { Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 300 }] });
        using (var host = OutboxHosts.Build(_sandbox, DbPath, _recorder, o => o.Queue.BatchSize = 25))
        {
            await host.StartAsync();
            var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
            for (var i = 0; i < 1_000; i++) queue.Enqueue(new Order { Id = $"sd-{i}", Source = i % 2 == 0 ? ActionSource.Offline : ActionSource.Web });
            await Recorder.WaitUntilAsync(() => _recorder.Processed > 0, "the first batch");
            await host.StopAsync();
        }
        Assert.Empty(_recorder.Dropped);
        Assert.Equal(0L, CountRows("state IN (1, 2)")); // no claim left behind: attempts ended, unsent claims released
        var left = CountRows("state = 0");
        Assert.Equal(1_000 - _recorder.Processed, left);
        Assert.True(left > 0, "the shutdown came before the end");

        _sandbox.SetFaults(null);
        using (var next = OutboxHosts.Build(_sandbox, DbPath, _recorder))
        {
            await next.StartAsync();
            await Recorder.WaitUntilAsync(() => _recorder.Processed == 1_000, "the rest, by the next process");
            await next.StopAsync();
        }
        var received = _sandbox.GetReport().RecentEvents.Where(e => e.Status == "processed").ToList();
        Assert.Equal(1_000, received.Select(e => e.EventId).Distinct().Count());
        Assert.All(received.Where(e => e.ActionSource == "offline").GroupBy(e => e.EventId), g => Assert.Single(g));
    }

    private long CountRows(string where)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pinterest_outbox_events WHERE " + where;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Answers one ad account's requests with a status, as a failing backend would; the others pass.</summary>
    private sealed class FailAdAccount(string adAccountId, HttpStatusCode status, ConcurrentQueue<DateTimeOffset> failures) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.RequestUri!.AbsolutePath.Contains($"/ad_accounts/{adAccountId}/", StringComparison.Ordinal)) return base.SendAsync(request, cancellationToken);
            failures.Enqueue(DateTimeOffset.UtcNow);
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent("{\"code\":1,\"message\":\"down\"}") });
        }
    }
}
