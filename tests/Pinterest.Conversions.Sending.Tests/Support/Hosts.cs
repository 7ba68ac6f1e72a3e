using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>A plain generic Host (no ASP.NET Core) with AddPinterestConversions pointed at a sandbox, fast timings for tests.</summary>
internal static class Hosts
{
    public static IHost Build(PinterestSandbox sandbox, Recorder recorder, Action<PinterestConversionsOptions>? configure = null, CapturingLoggerProvider? logs = null, Action<IHttpClientBuilder>? http = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (logs is not null) builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddSingleton<IPinterestSendObserver>(recorder);
        var client = builder.Services.AddPinterestConversions(o =>
        {
            o.AdAccountId = Sandboxes.AdAccountId;
            o.AccessToken = Sandboxes.Token;
            o.BaseAddress = sandbox.ApiRoot();
            o.Queue.FlushInterval = TimeSpan.FromMilliseconds(50);
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(5);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Retry.TotalTimeout = TimeSpan.FromSeconds(30);
            configure?.Invoke(o);
        });
        http?.Invoke(client);
        return builder.Build();
    }
}

/// <summary>Collects every outcome and drop the queue reports.</summary>
internal sealed class Recorder : IPinterestSendObserver
{
    private readonly ConcurrentQueue<PinterestEventOutcome> _outcomes = new();
    private readonly ConcurrentQueue<PinterestDroppedEvent> _dropped = new();
    private readonly ConcurrentQueue<PinterestSendResult> _results = new();

    public IReadOnlyCollection<PinterestEventOutcome> Outcomes => _outcomes;
    public IReadOnlyCollection<PinterestDroppedEvent> Dropped => _dropped;
    public IReadOnlyCollection<PinterestSendResult> Results => _results;

    public void OnSent(PinterestSendResult result)
    {
        _results.Enqueue(result);
        foreach (var outcome in result.Outcomes) _outcomes.Enqueue(outcome);
    }

    public void OnDropped(IReadOnlyList<PinterestDroppedEvent> events)
    {
        foreach (var e in events) _dropped.Enqueue(e);
    }

    /// <summary>Waits until <paramref name="count"/> events have an outcome or were dropped; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (_outcomes.Count + _dropped.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {_outcomes.Count} outcomes and {_dropped.Count} drops of {count} arrived.");
            await Task.Delay(10);
        }
    }
}
