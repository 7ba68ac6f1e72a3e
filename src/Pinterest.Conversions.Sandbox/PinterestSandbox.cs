using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Hosting;

namespace Pinterest.Conversions.Sandbox;

/// <summary>
/// A sandbox running in-process on a loopback port: point a client at <see cref="BaseAddress"/>, then assert on
/// <see cref="Store"/>. Dispose it to stop the server.
/// </summary>
public sealed class PinterestSandbox : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxState _state;

    private PinterestSandbox(WebApplication app, SandboxState state, Uri baseAddress)
    {
        _app = app;
        _state = state;
        BaseAddress = baseAddress;
    }

    /// <summary>The root of the sandbox, such as <c>http://127.0.0.1:54321/</c>: the base address for the client.</summary>
    public Uri BaseAddress { get; }

    /// <summary>What was received: counts, deduplication, the health report, recent events.</summary>
    public SandboxEventStore Store => _state.Store;

    /// <summary>Starts Kestrel on <c>http://127.0.0.1:0</c> (a free port) with the given options.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static async Task<PinterestSandbox> StartAsync(PinterestSandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PinterestSandboxOptions();

        // An empty builder: no appsettings, environment or command line of the host process leak into the sandbox.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PinterestSandbox).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        builder.Services.AddLogging(logging => options.ConfigureLogging?.Invoke(logging));
        builder.Services.AddPinterestSandbox(options); // Validates before anything listens.

        var app = builder.Build();
        app.MapSandboxRoutes(); // Loopback only, and a sandbox by choice: no environment check.
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var address = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return new PinterestSandbox(app, app.Services.GetRequiredService<SandboxState>(), address);
    }

    /// <summary>The events endpoint for an ad account: <c>{BaseAddress}v5/ad_accounts/{adAccountId}/events</c>.</summary>
    public Uri EventsUri(string adAccountId = "1") =>
        new(BaseAddress, EventsEndpoint.Pattern.TrimStart('/').Replace("{ad_account_id}", Uri.EscapeDataString(adAccountId), StringComparison.Ordinal));

    /// <summary>A snapshot of everything received (the same as <c>GET /sandbox/report</c>).</summary>
    public SandboxReport GetReport() => _state.Store.GetReport();

    /// <summary>Forgets every event and count; the fault plan stays.</summary>
    public void Reset() => _state.Store.Reset();

    /// <summary>Replaces the fault plan (null clears it), as <c>POST /sandbox/faults</c> does.</summary>
    /// <exception cref="ArgumentException">The plan is invalid.</exception>
    public void SetFaults(SandboxFaultPlan? plan) => _state.Faults.Apply(plan);

    /// <summary>The active fault plan, with what is left of each rule.</summary>
    public SandboxFaultPlan GetFaults() => _state.Faults.Current();

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
