using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions;
using Pinterest.Conversions.Hosting;

// enqueue <outbox.db> <api root> <count> <offline every n-th>: prints "ACK <i>" once event i is committed, then "ALL".
// drain <outbox.db> <api root>: sends what the outbox holds, prints "PARKED <event_id> <reason>" for each parked event, then "DRAINED".
var (mode, database, apiRoot) = (args[0], args[1], new Uri(args[2]));
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.ClearProviders();
builder.Services.AddPinterestConversions(o =>
{
    o.AdAccountId = "549755885175";
    o.AccessToken = "pina_outbox_token_1f2e3d";
    o.BaseAddress = apiRoot;
    o.Queue.BatchSize = 50;
    o.Queue.FlushInterval = TimeSpan.FromMilliseconds(20);
    o.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
    o.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
    o.Retry.AttemptTimeout = TimeSpan.FromSeconds(5);
    o.Delivery.PollInterval = TimeSpan.FromMilliseconds(50);
}).UseSqliteOutbox($"Data Source={database}");
using var host = builder.Build();
await host.StartAsync();
var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
var outbox = host.Services.GetRequiredService<IPinterestOutbox>();

if (mode == "enqueue")
{
    var count = int.Parse(args[3], CultureInfo.InvariantCulture);
    var offlineEvery = int.Parse(args[4], CultureInfo.InvariantCulture);
    for (var i = 0; i < count; i++)
    {
        var order = new CrashOrder { Id = $"k-{i}", Source = i % offlineEvery == 0 ? ActionSource.Offline : ActionSource.Web };
        if (queue.Enqueue(order).IsEnqueued) Console.Out.WriteLine($"ACK {i}");
        Console.Out.Flush();
    }
    Console.Out.WriteLine("ALL");
    Console.Out.Flush();
    await Task.Delay(Timeout.Infinite); // keep sending until killed
}
else
{
    while (true)
    {
        var statistics = await outbox.GetStatisticsAsync();
        if (statistics.Pending + statistics.InFlight == 0) break;
        await Task.Delay(50);
    }
    await foreach (var parked in outbox.GetParkedAsync(limit: 100_000)) Console.Out.WriteLine($"PARKED {parked.EventId} {parked.Reason}");
    Console.Out.WriteLine("DRAINED");
    await host.StopAsync();
}

/// <summary>An order: email, IP, user agent; offline or web.</summary>
[PinterestEvent(EventName.Checkout)]
public partial record CrashOrder
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; } = "Crash.Person@Example.com";
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } = "216.3.128.12";
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; } = "Mozilla/5.0 (X11; Linux x86_64)";
}
