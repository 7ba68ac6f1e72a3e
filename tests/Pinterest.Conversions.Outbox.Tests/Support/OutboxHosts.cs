using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;

namespace Pinterest.Conversions.Outbox.Tests;

/// <summary>Sandboxes and plain generic Hosts with AddPinterestConversions, the SQLite outbox (or none), fast timings.</summary>
internal static class OutboxHosts
{
    public const string Token = "pina_outbox_token_1f2e3d";
    public const string AdAccountId = "549755885175";

    public static Task<PinterestSandbox> StartSandboxAsync(Action<PinterestSandboxOptions>? configure = null)
    {
        var options = new PinterestSandboxOptions { AccessToken = Token, RecentEventCapacity = 10_000 };
        configure?.Invoke(options);
        return PinterestSandbox.StartAsync(options);
    }

    public static Uri ApiRoot(this PinterestSandbox sandbox) => new(sandbox.BaseAddress, "v5/");

    public static IHost Build(
        PinterestSandbox sandbox, string? outboxPath, Recorder recorder, Action<PinterestConversionsOptions>? configure = null,
        Action<IServiceCollection>? services = null, Action<PinterestConversionsBuilder>? builder = null)
    {
        var host = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        host.Logging.ClearProviders();
        host.Services.AddSingleton<IPinterestSendObserver>(recorder);
        services?.Invoke(host.Services);
        var pinterest = host.Services.AddPinterestConversions(o =>
        {
            o.AdAccountId = AdAccountId;
            o.AccessToken = Token;
            o.BaseAddress = sandbox.ApiRoot();
            o.Queue.FlushInterval = TimeSpan.FromMilliseconds(20);
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(10);
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(50);
            o.Delivery.MaxPause = TimeSpan.FromSeconds(1);
            configure?.Invoke(o);
        });
        if (outboxPath is not null) pinterest.UseSqliteOutbox($"Data Source={outboxPath}");
        builder?.Invoke(pinterest);
        return host.Build();
    }
}

/// <summary>Collects every final outcome and drop.</summary>
internal sealed class Recorder : IPinterestSendObserver
{
    private readonly ConcurrentQueue<PinterestEventOutcome> _outcomes = new();
    private readonly ConcurrentQueue<PinterestDroppedEvent> _dropped = new();

    public IReadOnlyCollection<PinterestEventOutcome> Outcomes => _outcomes;

    public IReadOnlyCollection<PinterestDroppedEvent> Dropped => _dropped;

    public int Processed => _outcomes.Count(o => o.Status == PinterestEventStatus.Processed);

    public void OnSent(PinterestSendResult result)
    {
        foreach (var outcome in result.Outcomes) _outcomes.Enqueue(outcome);
    }

    public void OnDropped(IReadOnlyList<PinterestDroppedEvent> events)
    {
        foreach (var e in events) _dropped.Enqueue(e);
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Timed out waiting for " + what);
            await Task.Delay(10);
        }
    }
}
