using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;

namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>
/// An app on real Kestrel (loopback, a free port) with a SQLite outbox in a temporary file, sending to an in-process
/// sandbox, and the outbox page at <see cref="PagePath"/> behind the policy "PinterestOps" (role "ops"). Cookie sign-in
/// for tests: <c>GET /login?role=ops</c>; unauthenticated callers get 401, others without the role 403.
/// </summary>
public sealed class OutboxPageHost : IAsyncDisposable
{
    public const string PagePath = "/pinterest/outbox";
    public const string Policy = "PinterestOps";
    public const string GoodToken = "good-token";
    public const string RevokedToken = "revoked-token";
    public const string DefaultAdAccountId = "549755885175";

    private readonly string _directory;

    private OutboxPageHost(WebApplication app, PinterestSandbox sandbox, string directory)
    {
        App = app;
        Sandbox = sandbox;
        _directory = directory;
        BaseUrl = app.Urls.First().TrimEnd('/');
    }

    public WebApplication App { get; }

    public PinterestSandbox Sandbox { get; }

    public string BaseUrl { get; }

    public IPinterestOutbox Outbox => App.Services.GetRequiredService<IPinterestOutbox>();

    public IPinterestEventQueue Queue => App.Services.GetRequiredService<IPinterestEventQueue>();

    /// <summary>
    /// Starts the sandbox (token <see cref="GoodToken"/>; events over an hour old fail "in the past") and the app: the
    /// default account sends with the good token, "acme" and "globex" with a revoked one (401: they pause, their events wait).
    /// </summary>
    public static async Task<OutboxPageHost> StartAsync(string environment = "Production", string? policy = Policy, CancellationToken cancellationToken = default)
    {
        var sandbox = await PinterestSandbox.StartAsync(new PinterestSandboxOptions { AccessToken = GoodToken, MaxEventAge = TimeSpan.FromHours(1) }, cancellationToken);
        var directory = Directory.CreateTempSubdirectory("outbox-page-").FullName;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            // An API-style answer instead of a redirect to a login page: the tests read the status.
            o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
            o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireRole("ops"));
        builder.Services.AddPinterestConversions(o =>
        {
            o.AdAccountId = DefaultAdAccountId;
            o.AccessToken = GoodToken;
            o.BaseAddress = new Uri(sandbox.BaseAddress, "v5/");
            o.Accounts["acme"] = new PinterestAccountOptions { AdAccountId = "111111111111", AccessToken = RevokedToken };
            o.Accounts["globex"] = new PinterestAccountOptions { AdAccountId = "222222222222", AccessToken = RevokedToken };
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(50);
            // The first pause of a refused account is Retry:BaseDelay: a minute, so no probe changes the counts mid-test.
            o.Retry.BaseDelay = TimeSpan.FromMinutes(1);
            o.Retry.MaxDelay = TimeSpan.FromMinutes(2);
            o.Queue.DrainTimeout = TimeSpan.FromSeconds(1);
        }).UseSqliteOutbox($"Data Source={Path.Combine(directory, "outbox.db")}");

        var app = builder.Build();
        app.MapGet("/login", async (HttpContext http, string? role) =>
        {
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "operator")], CookieAuthenticationDefaults.AuthenticationScheme);
            if (role is { Length: > 0 }) identity.AddClaim(new Claim(ClaimTypes.Role, role));
            await http.SignInAsync(new ClaimsPrincipal(identity));
            return Results.Redirect(PagePath);
        });
        app.MapPinterestOutbox(PagePath, o => o.AuthorizationPolicy = policy);
        await app.StartAsync(cancellationToken);
        return new OutboxPageHost(app, sandbox, directory);
    }

    /// <summary>The event_id of the rejected event: markup that must stay text on the page.</summary>
    public const string HostileEventId = "order-1042<script>window.__pwned=1</script><img src=x onerror=window.__pwned=2>";

    /// <summary>The event_id of the offline event whose outcome is unknown (a 500 answered its only request).</summary>
    public const string UnknownEventId = "store-0007";

    /// <summary>
    /// Fills the outbox: two pending events of "acme" and one of "globex" (both paused), an event of the default account
    /// rejected by Pinterest as too old (parked Rejected, with its message) and an offline one answered 500 (parked
    /// OutcomeUnknown). Returns when the outbox shows exactly that.
    /// </summary>
    public async Task<PinterestOutboxStatistics> SeedAsync()
    {
        var now = DateTimeOffset.UtcNow;
        WebOrder Order(string id) => new() { OrderId = id, At = now, Email = "buyer@example.com", Ip = "203.0.113.7", UserAgent = "Mozilla/5.0", Total = 19.99m };
        Assert(await Queue.EnqueueAsync(Order("acme-1"), "acme"));
        Assert(await Queue.EnqueueAsync(Order("acme-2"), "acme"));
        Assert(await Queue.EnqueueAsync(Order("globex-1"), "globex"));
        await WaitForAsync(s => Account(s, "acme") is { IsPaused: true, Pending: 2, InFlight: 0 } && Account(s, "globex") is { IsPaused: true, Pending: 1, InFlight: 0 },
            "acme and globex paused with their events pending");

        Assert(await Queue.EnqueueAsync(Order(HostileEventId) with { At = now.AddHours(-2) }));
        await WaitForAsync(s => s.Parked == 1, "the old event parked");

        Sandbox.SetFaults(new SandboxFaultPlan { Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 500, Count = 1 }] });
        Assert(await Queue.EnqueueAsync(new StoreOrder { OrderId = UnknownEventId, At = now.AddMinutes(-30), Email = "customer@example.com", Total = 39m }));
        return await WaitForAsync(s => s.Parked == 2 && s.Pending == 3 && s.InFlight == 0, "the offline event parked");

        static void Assert(PinterestEnqueueResult result)
        {
            if (result.Status != PinterestEnqueueStatus.Enqueued) throw new InvalidOperationException($"Not enqueued: {result.Status} {result.RejectionReason}");
        }
    }

    public static PinterestOutboxAccountStatistics? Account(PinterestOutboxStatistics statistics, string? account) =>
        statistics.Accounts.FirstOrDefault(a => a.Account == account);

    /// <summary>Waits until <paramref name="done"/> holds for the outbox's statistics, or fails with the last ones.</summary>
    public async Task<PinterestOutboxStatistics> WaitForAsync(Func<PinterestOutboxStatistics, bool> done, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var statistics = await Outbox.GetStatisticsAsync();
            if (done(statistics)) return statistics;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited for {what}; the outbox has {statistics}.");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Sandbox.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } // the temp folder is cleaned by the system
    }
}
