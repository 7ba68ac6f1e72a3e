using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Pinterest.Conversions.Sandbox;
using Pinterest.Conversions.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Outbox.Tests.Delivery;

/// <summary>
/// Three processes share one PostgreSQL outbox: one enqueues 10,000 events, each in its own transaction, rolling every
/// third back; two send to the sandbox (requests slowed, some answered 503, some cut after processing); one sender is
/// killed with SIGKILL halfway. Every committed event reaches the sandbox (or, offline only, is parked OutcomeUnknown); no
/// rolled-back event is ever sent; no offline event arrives twice.
/// </summary>
public sealed class SharedPostgreSqlOutboxTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 10_000;
    private const int OfflineEvery = 5;
    private readonly string _schema = PostgresServer.NewSchema();
    private readonly List<Process> _children = [];
    private readonly ConcurrentQueue<string> _outcomes = new();
    private PinterestSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await OutboxHosts.StartSandboxAsync(o =>
    {
        o.RecentEventCapacity = 10_000; // the sandbox's most: ~6,667 committed plus a few hundred resent
        o.Faults = new SandboxFaultPlan
        {
            Seed = 12,
            Rules =
            [
                new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 10 },
                new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503, Rate = 0.05 },
                new SandboxFaultRule { Kind = SandboxFaultKind.ResetAfter, Rate = 0.02 },
            ],
        };
    });

    public async Task DisposeAsync()
    {
        foreach (var child in _children)
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            child.Dispose();
        }
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task TwoSenders_OneKilledHalfway_EveryCommittedEventArrives_NoRolledBackOne_NoOfflineOneTwice()
    {
        var senderA = Start("pg-send");
        var senderB = Start("pg-send");
        await ReadUntilAsync(senderA, line => line == "READY");
        await ReadUntilAsync(senderB, line => line == "READY");
        foreach (var (sender, name) in new[] { (senderA, "A"), (senderB, "B") })
        {
            _ = Task.Run(async () =>
            {
                while (await sender.StandardOutput.ReadLineAsync() is { } line)
                    if (line.StartsWith("OUTCOME ", StringComparison.Ordinal)) _outcomes.Enqueue(name + " " + line[8..]);
            });
        }

        var committed = new ConcurrentBag<int>();
        var rolledBack = new ConcurrentBag<int>();
        var enqueuer = Start("pg-enqueue", Events.ToString(System.Globalization.CultureInfo.InvariantCulture), OfflineEvery.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var killed = false;
        var receivedAtKill = 0L;
        await ReadUntilAsync(enqueuer, line =>
        {
            if (line.StartsWith("COMMIT ", StringComparison.Ordinal)) committed.Add(int.Parse(line[7..], System.Globalization.CultureInfo.InvariantCulture));
            else if (line.StartsWith("ROLLBACK ", StringComparison.Ordinal)) rolledBack.Add(int.Parse(line[9..], System.Globalization.CultureInfo.InvariantCulture));
            if (!killed && committed.Count + rolledBack.Count >= Events / 2)
            {
                senderA.Kill(entireProcessTree: true); // SIGKILL on Linux: its claims stay leased until the lease ends
                receivedAtKill = _sandbox.GetReport().Totals.Received;
                killed = true;
            }
            return line == "ALL";
        }, TimeSpan.FromSeconds(120));
        Assert.True(killed);

        // Sender B drains everything, the dead sender's claims included once their lease has run out.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (await ScalarAsync($"SELECT count(*) FROM {_schema}.outbox_events WHERE state <> 3") > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "sender B drains the outbox");
            await Task.Delay(100);
        }
        var parked = new List<(string EventId, int Reason)>();
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"SELECT event_id, park_reason FROM {_schema}.outbox_events WHERE state = 3", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) parked.Add((reader.GetString(0), reader.GetInt16(1)));
        }

        var report = _sandbox.GetReport();
        Assert.True(report.Totals.Received <= 10_000, "every receipt is in the sandbox's recent list");
        var received = report.RecentEvents.Where(e => e.Status == "processed").ToList();
        var receivedIds = received.Select(e => e.EventId).ToHashSet();
        var parkedUnknown = parked.Where(p => p.Reason == 0).Select(p => p.EventId).ToHashSet();
        Assert.Equal(Events, committed.Count + rolledBack.Count);
        var missing = committed.Where(i => !receivedIds.Contains($"k-{i}") && !parkedUnknown.Contains($"k-{i}")).Order().ToList();
        output.WriteLine($"missing: {missing.Count}: {string.Join(" ", missing.Take(40))}");
        foreach (var i in committed)
        {
            var id = $"k-{i}";
            var offline = i % OfflineEvery == 0;
            Assert.True(receivedIds.Contains(id) || (offline && parkedUnknown.Contains(id)), $"{id} (offline: {offline}) was committed, then lost; parked: {string.Join(",", parked.Where(p => p.EventId == id).Select(p => p.Reason))}; " +
                $"in the sandbox as: {string.Join(",", report.RecentEvents.Where(e => e.EventId == id).Select(e => e.Status))}; {report.Totals.Received} received in all, {report.RecentEvents.Count} recent, the first {report.RecentEvents[0].EventId}, the last {report.RecentEvents[^1].EventId}; " +
                $"outcomes: {string.Join(",", _outcomes.Where(o => o.Split(' ')[1] == id))}");
        }
        Assert.All(parked, p => Assert.Equal(0, p.Reason));
        Assert.All(parkedUnknown, id => Assert.Equal(0, int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture) % OfflineEvery));
        Assert.All(rolledBack, i => Assert.DoesNotContain($"k-{i}", receivedIds));
        Assert.DoesNotContain(report.RecentEvents, e => rolledBack.Contains(int.Parse(e.EventId[2..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(received.Where(e => e.ActionSource == "offline").GroupBy(e => e.EventId), g => Assert.Single(g));
        output.WriteLine($"{committed.Count} committed, {rolledBack.Count} rolled back; sender A killed with {receivedAtKill} received; after the drain: " +
            $"{receivedIds.Count} distinct received, {report.Totals.DuplicateReceipts} duplicate receipts (non-offline), {parkedUnknown.Count} offline parked OutcomeUnknown");
    }

    private static async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Process Start(string mode, params string[] rest)
    {
        var host = Path.Combine(DotnetCli.RepoRoot, "tests", "Pinterest.Conversions.Outbox.TestHost", "bin", Configuration, "net10.0", "Pinterest.Conversions.Outbox.TestHost.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { host, mode, PostgresServer.ConnectionString, _schema, _sandbox.ApiRoot().ToString() }.Concat(rest)) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        _children.Add(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine($"{mode}: {e.Data}"); };
        process.BeginErrorReadLine();
        return process;
    }

    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static async Task ReadUntilAsync(Process process, Func<string, bool> done, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (await process.StandardOutput.ReadLineAsync(cancel.Token) is { } line)
        {
            if (done(line)) return;
        }
        throw new InvalidOperationException($"The child process ended (exit code {(process.HasExited ? process.ExitCode : -1)}) before it said what the test waits for.");
    }
}
