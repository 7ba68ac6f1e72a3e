using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;

namespace Pinterest.Conversions.Benchmarks.Delivery;

/// <summary>
/// Throughput of durable delivery, measured as wall time of whole runs (multi-threaded, I/O bound: not a
/// BenchmarkDotNet micro-benchmark). <c>dotnet run -c Release --project tests/Benchmarks -- delivery [enqueue|reliability|all|pg|pg-enqueue|pg-senders] [runs]</c>.
/// </summary>
public static class DeliveryHarness
{
    private const string Token = "pina_harness_token_4d5e";

    public static async Task<int> RunAsync(string[] args)
    {
        var what = args.Length > 1 ? args[1] : "all";
        var runs = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}; load {LoadAverage()}");
        if (what is "enqueue" or "all") await EnqueueAsync(runs);
        if (what is "reliability" or "all") await ReliabilityAsync(runs);
        if (what.StartsWith("pg", StringComparison.Ordinal)) await PostgreSqlHarness.RunAsync(what, runs); // needs PINTEREST_TEST_POSTGRES
        return 0;
    }

    /// <summary>fsync latency of the disk, then EnqueueAsync into SQLite (synchronous=FULL) from 8 concurrent callers.</summary>
    private static async Task EnqueueAsync(int runs)
    {
        var directory = Directory.CreateTempSubdirectory("pinterest-harness-");
        try
        {
            var fsync = FsyncLatency(directory.FullName, 500);
            Console.WriteLine($"fsync of a 4 KiB write in {directory.FullName}: median {fsync.Median:F0} us, p99 {fsync.P99:F0} us");
            await using var sandbox = await PinterestSandbox.StartAsync(new PinterestSandboxOptions { AccessToken = Token });
            const int callers = 8, perCaller = 12_500;
            var rates = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var path = Path.Combine(directory.FullName, $"enqueue-{run}.db");
                using var host = Build(sandbox, path, o => o.Queue.FlushInterval = TimeSpan.FromHours(1)); // not started: enqueue only
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
            Console.WriteLine($"EnqueueAsync into SQLite (synchronous=FULL), {callers} concurrent callers: median {Median(rates):N0} events/s over {runs} runs");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>100,000 events to the loopback sandbox, enqueued by 8 callers: in memory and through the SQLite outbox, side by side.</summary>
    private static async Task ReliabilityAsync(int runs)
    {
        var directory = Directory.CreateTempSubdirectory("pinterest-harness-");
        try
        {
            var memory = new List<double>();
            var sqlite = new List<double>();
            var normal = new List<double>();
            // A warm-up of each, not counted: the first run otherwise pays the JIT's work (it doubled the first in-memory time).
            await OneRunAsync(null, 20_000);
            await OneRunAsync(Path.Combine(directory.FullName, "warm-up.db"), 20_000);
            for (var run = 0; run < runs; run++)
            {
                memory.Add(await OneRunAsync(null));
                sqlite.Add(await OneRunAsync(Path.Combine(directory.FullName, $"reliability-{run}.db")));
                normal.Add(await OneRunAsync(Path.Combine(directory.FullName, $"reliability-normal-{run}.db"), synchronous: PinterestOutboxSynchronous.Normal));
                Console.WriteLine($"  run {run + 1}: in memory {memory[^1]:F2} s, SQLite outbox {sqlite[^1]:F2} s, SQLite outbox with synchronous=NORMAL {normal[^1]:F2} s");
            }
            Console.WriteLine($"100,000 events, 8 callers, to the loopback sandbox: median in memory {Median(memory):F2} s, SQLite outbox {Median(sqlite):F2} s " +
                $"({Median(sqlite) / Median(memory):F2} times), with synchronous=NORMAL {Median(normal):F2} s ({Median(normal) / Median(memory):F2} times) over {runs} runs");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static async Task<double> OneRunAsync(string? outboxPath, int total = 100_000, PinterestOutboxSynchronous synchronous = PinterestOutboxSynchronous.Full)
    {
        const int callers = 8;
        await using var sandbox = await PinterestSandbox.StartAsync(new PinterestSandboxOptions { AccessToken = Token });
        var done = new CountingObserver();
        using var host = Build(sandbox, outboxPath, o =>
        {
            o.Queue.Capacity = total;
            o.Outbox.Synchronous = synchronous;
        }, done);
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < total / callers; i++)
            {
                var result = await queue.EnqueueAsync(new HarnessOrder { Id = $"r-{c}-{i}", Source = i % 10 == 0 ? ActionSource.Offline : ActionSource.Web });
                if (!result.IsEnqueued) throw new InvalidOperationException(result.ToString());
            }
        })));
        var enqueued = watch.Elapsed.TotalSeconds;
        await done.WaitAsync(total);
        watch.Stop();
        if (total == 100_000) Console.WriteLine($"    {(outboxPath is null ? "in memory" : $"SQLite outbox ({synchronous})")}: enqueued in {enqueued:F2} s, every outcome in {watch.Elapsed.TotalSeconds:F2} s, {sandbox.GetReport().Requests.Total} requests");
        await host.StopAsync();
        if (sandbox.GetReport().Totals.Processed < total) throw new InvalidOperationException("the sandbox did not process every event");
        return watch.Elapsed.TotalSeconds;
    }

    private static IHost Build(PinterestSandbox sandbox, string? outboxPath, Action<PinterestConversionsOptions> configure, IPinterestSendObserver? observer = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        if (observer is not null) builder.Services.AddSingleton(observer);
        var pinterest = builder.Services.AddPinterestConversions(o =>
        {
            o.AdAccountId = "549755885175";
            o.AccessToken = Token;
            o.BaseAddress = new Uri(sandbox.BaseAddress, "v5/");
            o.Queue.FlushInterval = TimeSpan.FromMilliseconds(100);
            configure(o);
        });
        if (outboxPath is not null) pinterest.UseSqliteOutbox($"Data Source={outboxPath}");
        return builder.Build();
    }

    private static (double Median, double P99) FsyncLatency(string directory, int count)
    {
        var path = Path.Combine(directory, "fsync.probe");
        var block = new byte[4096];
        var samples = new double[count];
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            for (var i = 0; i < count; i++)
            {
                var started = Stopwatch.GetTimestamp();
                file.Write(block);
                file.Flush(flushToDisk: true);
                samples[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        File.Delete(path);
        Array.Sort(samples);
        return (samples[count / 2], samples[(int)(count * 0.99)]);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

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
