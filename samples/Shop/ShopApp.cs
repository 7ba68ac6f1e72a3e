using System.Text.Encodings.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Pinterest.Conversions.Hosting;

namespace Pinterest.Conversions.Samples.Shop;

/// <summary>How the shop talks to Pinterest: to the embedded sandbox (no account needed), or to Pinterest itself.</summary>
public sealed class ShopMode
{
    /// <summary>The path under which the embedded sandbox is mapped.</summary>
    public const string SandboxPrefix = "/pinterest";

    /// <summary>
    /// Where the outbox page is mapped, in the Development environment only: the shop names no authorization policy,
    /// and MapPinterestOutbox refuses to map the page without one anywhere else.
    /// </summary>
    public const string OutboxPath = "/pinterest/outbox";

    /// <summary>The ad account and token the shop uses with its embedded sandbox (not secrets: the sandbox is local).</summary>
    public const string SandboxAdAccountId = "549755885175";
    internal const string SandboxToken = "shop-sandbox-token";

    public required bool UsesSandbox { get; init; }

    /// <summary>The SQLite outbox's connection string: accepted events wait there until Pinterest has them.</summary>
    public required string OutboxConnectionString { get; init; }

    /// <summary>Pinterest's Tag id (configuration <c>Pinterest:TagId</c>), used only when sending to Pinterest.</summary>
    public string? TagId { get; init; }

    /// <summary>The script that defines <c>pintrk</c> in the page head.</summary>
    public string TagBaseScript => UsesSandbox
        ? "" // served as /pintrk-sandbox.js
        : TagId is { Length: > 0 }
            ? "!function(e){if(!window.pintrk){window.pintrk=function(){window.pintrk.queue.push(Array.prototype.slice.call(arguments))};var n=window.pintrk;n.queue=[],n.version=\"3.0\";var t=document.createElement(\"script\");t.async=!0,t.src=e;var r=document.getElementsByTagName(\"script\")[0];r.parentNode.insertBefore(t,r)}}(\"https://s.pinimg.com/ct/core.js\");"
              + "pintrk('load', '" + JavaScriptEncoder.Default.Encode(TagId) + "');pintrk('page');"
            : "window.pintrk = window.pintrk || function () {};";
}

/// <summary>Builds the shop: Razor Pages, AddPinterestConversions, and (by default) the embedded sandbox.</summary>
public static class ShopApp
{
    /// <summary>
    /// Builds the application. With <paramref name="forceSandbox"/> (<c>--demo</c>), or in the Development environment
    /// without <c>Pinterest:Conversions:AccessToken</c> and <c>AdAccountId</c>, events go to the sandbox embedded under
    /// <see cref="ShopMode.SandboxPrefix"/>; otherwise to Pinterest, with <c>?test=true</c> unless
    /// <c>Pinterest:Conversions:Test</c> is <c>false</c>. Outside Development without credentials it refuses to start
    /// (<see cref="MissingCredentialsException"/>): a bad deploy must not "send" real conversions to memory.
    /// </summary>
    public static WebApplication Build(string[] args, bool forceSandbox = false, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(ShopApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls("http://127.0.0.1:5070");
        configure?.Invoke(builder);

        var section = builder.Configuration.GetSection(PinterestConversionsOptions.SectionName);
        var missing = MissingCredentials(section);
        if (!forceSandbox && missing.Count > 0 && !builder.Environment.IsDevelopment())
            throw new MissingCredentialsException(builder.Environment.EnvironmentName, missing);
        var usesSandbox = forceSandbox || missing.Count > 0;
        var mode = new ShopMode
        {
            UsesSandbox = usesSandbox,
            TagId = builder.Configuration["Pinterest:TagId"],
            // With Pinterest: a file that outlives deploys (ConnectionStrings:PinterestOutbox). With the in-memory sandbox,
            // whose events die with the process anyway: a fresh file of this run's own, deleted when it stops.
            OutboxConnectionString = usesSandbox
                ? $"Data Source={Path.Combine(Path.GetTempPath(), $"pinterest-shop-{Guid.NewGuid():N}.db")}"
                : builder.Configuration.GetConnectionString("PinterestOutbox") ?? "Data Source=pinterest-outbox.db",
        };
        builder.Services.AddSingleton(mode);
        builder.Services.AddRazorPages();
        builder.Services.AddSingleton<ShopTracking>();

        if (mode.UsesSandbox)
        {
            builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider(); // a local demo: keys in memory
            builder.Services.AddPinterestSandbox(o =>
            {
                o.AccessToken = ShopMode.SandboxToken;
                o.AdAccountId = ShopMode.SandboxAdAccountId;
                o.RecentEventCapacity = 2000;
                o.UnsafeAllowOutsideDevelopment = forceSandbox; // --demo: loopback, a port of its own, asked for by name
            });
            builder.Services.AddPinterestConversions(o =>
            {
                o.AdAccountId = ShopMode.SandboxAdAccountId;
                o.AccessToken = ShopMode.SandboxToken;
                // A loopback placeholder: SelfAddressHandler points it at the port Kestrel really bound.
                o.BaseAddress = new Uri("http://127.0.0.1" + ShopMode.SandboxPrefix + "/v5/");
                o.TagEvents = [EventName.PageVisit, EventName.AddToCart, EventName.Checkout];
                o.Queue.FlushInterval = TimeSpan.FromMilliseconds(100);
                o.Queue.DrainTimeout = TimeSpan.FromSeconds(5);
                o.Retry.BaseDelay = TimeSpan.FromMilliseconds(50);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(1);
                o.Retry.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(1);
                o.Delivery.PollInterval = TimeSpan.FromMilliseconds(100);
            }).UseSqliteOutbox(mode.OutboxConnectionString)
              .AddHttpMessageHandler(sp => new SelfAddressHandler(sp.GetRequiredService<IServer>()));
        }
        else
        {
            builder.Services.AddPinterestConversions(builder.Configuration).UseSqliteOutbox(mode.OutboxConnectionString);
            var test = section.GetValue<bool?>("Test") ?? true; // test mode unless switched off explicitly
            builder.Services.PostConfigure<PinterestConversionsOptions>(o => o.Test = test);
        }

        var app = builder.Build();
        app.UseRouting();
        app.UseAntiforgery();
        if (mode.UsesSandbox)
        {
            app.MapPinterestSandbox(ShopMode.SandboxPrefix);
            app.MapGet("/pintrk-sandbox.js", () => Results.Text(SandboxTagScript, "text/javascript; charset=utf-8"));
        }
        app.MapRazorPages();
        // What waits in the outbox and what is parked, with redrive and purge (AddRazorPages brought antiforgery).
        if (app.Environment.IsDevelopment()) app.MapPinterestOutbox(ShopMode.OutboxPath);

        if (mode.UsesSandbox) app.Lifetime.ApplicationStopped.Register(() => DeleteOutbox(mode.OutboxConnectionString));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var url = app.Urls.FirstOrDefault() ?? "(unknown)";
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Shop");
            ShopLog.Started(log, url, mode.UsesSandbox ? "the embedded sandbox" : "Pinterest");
        });
        return app;
    }

    // The sandbox run's own outbox file and its WAL companions.
    private static void DeleteOutbox(string connectionString)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + ".sender-lock" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Still open for a moment: the temp folder is cleaned by the system.
            }
        }
    }

    /// <summary>The settings a shop that sends to Pinterest needs and does not have, by configuration key.</summary>
    internal static IReadOnlyList<string> MissingCredentials(IConfiguration section) =>
        new[] { "AccessToken", "AdAccountId" }
            .Where(key => string.IsNullOrWhiteSpace(section[key]))
            .Select(key => PinterestConversionsOptions.SectionName + ":" + key)
            .ToArray();

    /// <summary>The Tag's stand-in in sandbox mode: each <c>pintrk('track', ...)</c> is posted to the embedded sandbox.</summary>
    internal const string SandboxTagScript = """
        // Local stand-in for the Pinterest Tag: posts each tracked event to the embedded sandbox's /sandbox/tag.
        (function () {
          var log = window.__pinterestTagLog = [];
          window.pintrk = function (command, name, data) {
            if (command !== 'track') return;
            var body = Object.assign({}, data || {}, { event_name: name });
            var entry = { event_name: name, event_id: body.event_id, status: 'pending' };
            log.push(entry);
            fetch('/pinterest/sandbox/tag', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), keepalive: true })
              .then(function (r) { return r.json(); })
              .then(function (j) { entry.status = j.status || 'error'; entry.deduplicated = !!j.deduplicated; })
              .catch(function () { entry.status = 'error'; });
          };
        })();
        """;
}

/// <summary>Outside Development without credentials the shop does not start: it would send real conversions nowhere.</summary>
public sealed class MissingCredentialsException(string environment, IReadOnlyList<string> missing) : Exception(
    $"The shop sends events to Pinterest in the '{environment}' environment and needs {string.Join(" and ", missing)} " +
    $"(for example the environment variable {missing[0].Replace(":", "__", StringComparison.Ordinal)}). Run with --demo, or in " +
    "Development (dotnet run --project samples/Shop), to use the embedded sandbox instead.")
{
    /// <summary>The configuration keys that are not set.</summary>
    public IReadOnlyList<string> Missing { get; } = missing;
}

/// <summary>Sends the API client's requests to this application's own address (where the sandbox is mapped).</summary>
internal sealed class SelfAddressHandler(IServer server) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        var own = addresses?.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (own is not null && request.RequestUri is { } uri)
        {
            var bound = new Uri(own.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                                   .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal));
            request.RequestUri = new UriBuilder(uri) { Scheme = bound.Scheme, Host = bound.Host, Port = bound.Port }.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}

internal static partial class ShopLog
{
    [LoggerMessage(1, LogLevel.Information, "Shop listening on {Url}, sending Pinterest events to {Target}")]
    public static partial void Started(ILogger logger, string url, string target);
}
