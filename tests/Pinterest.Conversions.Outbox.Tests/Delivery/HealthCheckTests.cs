using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;
using Xunit;

namespace Pinterest.Conversions.Outbox.Tests.Delivery;

/// <summary>
/// <c>AddHealthChecks().AddPinterestConversions()</c> through the framework's <see cref="HealthCheckService"/>, on the
/// SQLite outbox against the sandbox: a tenant's revoked token degrades, the default account's fails readiness, an
/// unreadable store fails it, and a fixed token heals.
/// </summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private readonly Recorder _recorder = new();
    private PinterestSandbox _sandbox = null!;

    private string DbPath => _directory.File("outbox.db");

    public async Task InitializeAsync() => _sandbox = await OutboxHosts.StartSandboxAsync();

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Registration_IsTheFrameworksWay_TaggedPinterestAndReady_AndHealthyWhileAllIsWell()
    {
        using var host = Build();
        var registration = Assert.Single(host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations);
        Assert.Equal("pinterest-conversions", registration.Name);
        Assert.Equal(["pinterest", "ready"], registration.Tags.Order());
        await host.StartAsync();
        Assert.True(host.Services.GetRequiredService<IPinterestEventQueue>().Enqueue(new Order { Id = "healthy-1" }).IsEnqueued);
        await Recorder.WaitUntilAsync(() => _recorder.Processed == 1, "the event");

        var entry = await CheckAsync(host);
        Assert.Equal(HealthStatus.Healthy, entry.Status);
        Assert.Equal(0L, entry.Data["pending"]);
        await host.StopAsync();
    }

    [Fact]
    public async Task ATenantsRevokedToken_Degrades_NamesTheTenant_NeverFailsReadiness_AndHealsOnceFixed()
    {
        var tenants = new Tenants();
        tenants.Set("alpha", "1001", OutboxHosts.Token);
        tenants.Set("gamma", "1003", "pina_revoked_token");
        // A platform: tenants served by the resolver. Once alpha's events are delivered, gamma's are the only ones left in
        // the outbox; the check must still only degrade.
        using var host = Build(services => services.AddSingleton<IPinterestAccountResolver>(tenants));
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(queue.Enqueue(new Order { Id = $"alpha-{i}" }, "alpha").IsEnqueued);
            Assert.True(queue.Enqueue(new Order { Id = $"gamma-{i}" }, "gamma").IsEnqueued);
        }
        var health = host.Services.GetRequiredService<PinterestHealthMonitor>();
        await Recorder.WaitUntilAsync(() => _recorder.Processed == 5 && health.GetReport().PausedAccounts.Count == 1, "alpha's events and gamma's pause");

        var entry = await CheckAsync(host);
        Assert.Equal(HealthStatus.Degraded, entry.Status);
        Assert.Contains("1 account is paused: gamma.", entry.Description);
        Assert.Equal(["gamma"], (string[])entry.Data["paused_accounts"]);
        Assert.Equal(5L, (long)entry.Data["pending"] + (long)entry.Data["in_flight"]);
        AssertNoSecretsOrPersonalValues(entry, "pina_revoked_token");

        tenants.Set("gamma", "1003", OutboxHosts.Token);
        await Recorder.WaitUntilAsync(() => _recorder.Processed == 10, "gamma's events once its token is fixed");
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host)).Status);
        await host.StopAsync();
    }

    [Fact]
    public async Task TheDefaultAccountPaused_FailsReadiness()
    {
        const string wrong = "pina_wrong_default_token";
        using var host = Build(configure: o => o.AccessToken = wrong);
        await host.StartAsync();
        Assert.True(host.Services.GetRequiredService<IPinterestEventQueue>().Enqueue(new Order { Id = "default-1" }).IsEnqueued);
        var health = host.Services.GetRequiredService<PinterestHealthMonitor>();
        await Recorder.WaitUntilAsync(() => health.GetReport().PausedAccounts.Count == 1, "the default account's pause");

        var entry = await CheckAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Contains("The only configured account is paused.", entry.Description);
        AssertNoSecretsOrPersonalValues(entry, wrong);
        await host.StopAsync();
    }

    [Fact]
    public async Task AStoreThatCannotBeRead_FailsReadiness_SayingSoWithoutItsMessage()
    {
        using var host = Build();
        await host.StartAsync();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host)).Status);

        // The table vanishes under the running app (a restore gone wrong, a hand in the file).
        using (var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE pinterest_outbox_events";
            command.ExecuteNonQuery();
        }

        var entry = await CheckAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, entry.Status);
        Assert.Equal("The outbox store could not be read (SqliteException).", entry.Description);
        Assert.Null(entry.Exception);
        Assert.DoesNotContain(DbPath, entry.Description);
        await host.StopAsync();
    }

    private IHost Build(Action<IServiceCollection>? services = null, Action<PinterestConversionsOptions>? configure = null) =>
        OutboxHosts.Build(_sandbox, DbPath, _recorder, configure, s =>
        {
            s.AddHealthChecks().AddPinterestConversions();
            services?.Invoke(s);
        });

    private static async Task<HealthReportEntry> CheckAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Tags.Contains("ready"));
        return report.Entries["pinterest-conversions"];
    }

    private static void AssertNoSecretsOrPersonalValues(HealthReportEntry entry, string token)
    {
        var text = entry.Description + string.Join("\n", entry.Data.Select(d => $"{d.Key}={(d.Value is string[] a ? string.Join(",", a) : d.Value)}"));
        var order = new Order { Id = "x" };
        foreach (var secret in new[] { token, OutboxHosts.Token, order.Email!, order.Email!.ToLowerInvariant(), order.Ip!, order.UserAgent! })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }
}
