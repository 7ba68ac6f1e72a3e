using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Outbox.PostgreSql;
using Pinterest.Conversions.Sandbox;

namespace Pinterest.Conversions.Benchmarks.Delivery;

/// <summary>
/// The PostgreSQL outbox, whole runs against a real server (the connection string in <c>PINTEREST_TEST_POSTGRES</c>):
/// <c>pg-enqueue</c>, EnqueueAsync from 8 concurrent callers (synchronous_commit on, notifications on); <c>pg-senders</c>,
/// 20,000 events drained by one sending instance and by two, each with one request in flight, against a sandbox that
/// answers after 50 ms (claim contention, not CPU). Each run on a new schema, dropped after.
/// </summary>
internal static class PostgreSqlHarness
{
    private const string Token = "pina_harness_token_4d5e";

    public static async Task RunAsync(string what, int runs)
    {
        var connectionString = Environment.GetEnvironmentVariable("PINTEREST_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set PINTEREST_TEST_POSTGRES to the connection string of a PostgreSQL server (see docs/postgresql-outbox.md).");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW synchronous_commit", connection);
            Console.WriteLine($"PostgreSQL {connection.PostgreSqlVersion}, synchronous_commit = {await command.ExecuteScalarAsync()}");
        }
        if (what is "pg-enqueue" or "pg" or "all") await EnqueueAsync(connectionString, runs);
        if (what is "pg-senders" or "pg" or "all") await SendersAsync(connectionString, runs);
    }

    private static async Task EnqueueAsync(string connectionString, int runs)
    {
        const int callers = 8, perCaller = 12_500;
        await using var sandbox = await PinterestSandbox.StartAsync(new PinterestSandboxOptions { AccessToken = Token });
        var rates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var schema = await CreateSchemaAsync(connectionString);
            try
            {
                using var host = Build(sandbox, connectionString, schema, o => o.Queue.FlushInterval = TimeSpan.FromHours(1)); // not started: enqueue only
                var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
                await queue.EnqueueAsync(new HarnessOrder { Id = "warm-up" });
                var watch = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
                {
                    for (var i = 0; i < perCaller; i++)
                    {
                        var result = await queue.EnqueueAsync(new HarnessOrder { Id = $"e-{c}-{i}" });
                        if (!result.IsEnqueued) throw new InvalidOperationException(result.ToString());
                    }
                })));
                watch.Stop();
                var rate = callers * perCaller / watch.Elapsed.TotalSeconds;
                rates.Add(rate);
                Console.WriteLine($"  run {run + 1}: {callers * perCaller:N0} events from {callers} callers in {watch.Elapsed.TotalSeconds:F2} s = {rate:N0} events/s");
            }
            finally
            {
                await DropSchemaAsync(connectionString, schema);
            }
        }
        Console.WriteLine($"EnqueueAsync into PostgreSQL (synchronous_commit on, NOTIFY on), {callers} concurrent callers: median {Median(rates):N0} events/s over {runs} runs");
    }

    private static async Task SendersAsync(string connectionString, int runs)
    {
        const int total = 20_000;
        var one = new List<double>();
        var two = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            one.Add(await DrainAsync(connectionString, total, instances: 1));
            two.Add(await DrainAsync(connectionString, total, instances: 2));
            Console.WriteLine($"  run {run + 1}: one sender {one[^1]:F2} s, two senders {two[^1]:F2} s ({one[^1] / two[^1]:F2} times as fast)");
        }
        Console.WriteLine($"{total:N0} events, 50 ms answers, one request in flight per sender: median one sender {Median(one):F2} s, two {Median(two):F2} s " +
            $"({Median(one) / Median(two):F2} times as fast) over {runs} runs");
    }

    private static async Task<double> DrainAsync(string connectionString, int total, int instances)
    {
        var schema = await CreateSchemaAsync(connectionString);
        try
        {
            await using var sandbox = await PinterestSandbox.StartAsync(new PinterestSandboxOptions
            {
                AccessToken = Token,
                Faults = new SandboxFaultPlan { Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 50 }] },
            });
            using (var loader = Build(sandbox, connectionString, schema, o => o.Queue.FlushInterval = TimeSpan.FromHours(1)))
            {
                var queue = loader.Services.GetRequiredService<IPinterestEventQueue>();
                await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
                {
                    for (var i = c; i < total; i += 8)
                    {
                        var result = await queue.EnqueueAsync(new HarnessOrder { Id = $"d-{i}" });
                        if (!result.IsEnqueued) throw new InvalidOperationException(result.ToString());
                    }
                })));
            }
            var done = new CountingObserver();
            var hosts = Enumerable.Range(0, instances).Select(_ => Build(sandbox, connectionString, schema, o =>
            {
                o.Queue.BatchSize = 100;
                o.Delivery.MaxConcurrentRequests = 1;
            }, done)).ToList();
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(hosts.Select(h => h.StartAsync()));
            await done.WaitAsync(total);
            watch.Stop();
            foreach (var host in hosts)
            {
                await host.StopAsync();
                host.Dispose();
            }
            if (sandbox.GetReport().Totals.Processed < total) throw new InvalidOperationException("the sandbox did not process every event");
            return watch.Elapsed.TotalSeconds;
        }
        finally
        {
            await DropSchemaAsync(connectionString, schema);
        }
    }

    private static async Task<string> CreateSchemaAsync(string connectionString)
    {
        var schema = "harness_" + Guid.NewGuid().ToString("N")[..12];
        await using var store = new PostgreSqlOutboxStore(NpgsqlDataSource.Create(connectionString), ownsDataSource: true,
            new PostgreSqlOutboxOptions { Schema = schema, UseListenNotify = false }, NullLogger.Instance);
        await store.StartAsync(() => { }, CancellationToken.None);
        return schema;
    }

    private static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static IHost Build(PinterestSandbox sandbox, string connectionString, string schema, Action<PinterestConversionsOptions> configure, IPinterestSendObserver? observer = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (observer is not null) builder.Services.AddSingleton(observer);
        builder.Services.AddPinterestConversions(o =>
        {
            o.AdAccountId = "549755885175";
            o.AccessToken = Token;
            o.BaseAddress = new Uri(sandbox.BaseAddress, "v5/");
            o.Queue.FlushInterval = TimeSpan.FromMilliseconds(100);
            configure(o);
        }).UsePostgreSqlOutbox(connectionString, o => o.Schema = schema);
        return builder.Build();
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed class CountingObserver : IPinterestSendObserver
    {
        private int _processed;

        public void OnSent(PinterestSendResult result) => Interlocked.Add(ref _processed, result.Processed);

        public void OnDropped(IReadOnlyList<PinterestDroppedEvent> events) { }

        public async Task WaitAsync(int count)
        {
            var deadline = Stopwatch.StartNew();
            while (Volatile.Read(ref _processed) < count)
            {
                if (deadline.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException($"{_processed} of {count} processed");
                await Task.Delay(5);
            }
        }
    }
}
