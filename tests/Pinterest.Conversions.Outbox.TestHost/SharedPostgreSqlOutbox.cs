using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pinterest.Conversions;
using Pinterest.Conversions.Hosting;

/// <summary>One instance of an app sharing a PostgreSQL outbox with others: an enqueuer or a sender (see Program.cs).</summary>
internal static class SharedPostgreSqlOutbox
{
    public static async Task RunAsync(string[] args)
    {
        var (mode, connectionString, schema, apiRoot) = (args[0], args[1], args[2], new Uri(args[3]));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (mode == "pg-send") builder.Services.AddSingleton<IPinterestSendObserver, PrintingObserver>();
        builder.Services.AddPinterestConversions(o =>
        {
            o.AdAccountId = "549755885175";
            o.AccessToken = "pina_outbox_token_1f2e3d";
            o.BaseAddress = apiRoot;
            o.Queue.BatchSize = 50;
            o.Queue.FlushInterval = TimeSpan.FromMilliseconds(20);
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(20);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(200);
            o.Retry.AttemptTimeout = TimeSpan.FromSeconds(2);
            o.Delivery.LeaseDuration = TimeSpan.FromSeconds(12); // a killed sender's claims come back after this
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(500);
        }).UsePostgreSqlOutbox(connectionString, o => o.Schema = schema);
        using var host = builder.Build();

        if (mode == "pg-send")
        {
            await host.StartAsync();
            var outbox = host.Services.GetRequiredService<IPinterestOutbox>();
            while (true)
            {
                try
                {
                    await outbox.GetStatisticsAsync(); // fails until the tables exist
                    break;
                }
                catch (PostgresException)
                {
                    await Task.Delay(20);
                }
            }
            Console.Out.WriteLine("READY");
            Console.Out.Flush();
            await Task.Delay(Timeout.Infinite); // sends until killed
            return;
        }

        // The enqueuer never starts its host: it only writes in its own transactions (the senders created the tables).
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        var count = int.Parse(args[4], CultureInfo.InvariantCulture);
        var offlineEvery = int.Parse(args[5], CultureInfo.InvariantCulture);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var next = -1;
        var output = new object();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                var order = new SharedOrder { Id = $"k-{i}", Source = i % offlineEvery == 0 ? ActionSource.Offline : ActionSource.Web };
                var result = await queue.EnqueueAsync(transaction, order);
                if (!result.IsEnqueued) throw new InvalidOperationException($"k-{i}: {result.Status}");
                var rollBack = i % 3 == 2;
                if (rollBack) await transaction.RollbackAsync();
                else await transaction.CommitAsync();
                lock (output) Console.Out.WriteLine(rollBack ? $"ROLLBACK {i}" : $"COMMIT {i}");
            }
        })));
        Console.Out.WriteLine("ALL");
        Console.Out.Flush();
    }
}

/// <summary>Prints "OUTCOME event_id status" for each final outcome (what the test compares with the sandbox's receipts).</summary>
internal sealed class PrintingObserver : IPinterestSendObserver
{
    public void OnSent(PinterestSendResult result)
    {
        lock (this)
        {
            foreach (var outcome in result.Outcomes) Console.Out.WriteLine($"OUTCOME {outcome.EventId} {outcome.Status}");
        }
    }

    public void OnDropped(IReadOnlyList<PinterestDroppedEvent> events) { }
}

/// <summary>An order: email, IP, user agent; offline or web.</summary>
[PinterestEvent(EventName.Checkout)]
public partial record SharedOrder
{
    [MapTo(PinterestField.EventId)] public required string Id { get; init; }
    [MapTo(PinterestField.ActionSource)] public ActionSource Source { get; init; }
    [MapTo(PinterestField.Email)] public string? Email { get; init; } = "Shared.Person@Example.com";
    [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; } = "216.3.128.12";
    [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; } = "Mozilla/5.0 (X11; Linux x86_64)";
}
