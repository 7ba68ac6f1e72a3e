using System.Collections.Concurrent;
using System.Diagnostics;
using Pinterest.Conversions.Sandbox;
using Pinterest.Conversions.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Outbox.Tests.Delivery;

/// <summary>
/// A child process enqueues into a SQLite outbox and sends to the sandbox (requests slowed, some answered 503, some cut
/// after processing), and is killed with SIGKILL mid-stream; a second process drains the file. Every event acknowledged
/// before the kill reaches the sandbox, or is an offline event parked OutcomeUnknown; no offline event arrives twice.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Events = 2_000;
    private const int OfflineEvery = 5;
    private readonly TempDirectory _directory = new();
    private readonly List<Process> _children = [];
    private PinterestSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await OutboxHosts.StartSandboxAsync(o => o.Faults = new SandboxFaultPlan
    {
        Seed = 11,
        Rules =
        [
            new SandboxFaultRule { Kind = SandboxFaultKind.Delay, DelayMilliseconds = 15 },
            new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503, Rate = 0.1 },
            new SandboxFaultRule { Kind = SandboxFaultKind.ResetAfter, Rate = 0.05 },
        ],
    });

    public async Task DisposeAsync()
    {
        // A test that failed half-way leaves no child behind: an enqueuer waits forever, a drainer polls a sandbox gone.
        foreach (var child in _children)
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            child.Dispose();
        }
        await _sandbox.DisposeAsync();
        _directory.Dispose();
    }

    [Theory]
    [InlineData(50)]     // while still enqueueing, little sent
    [InlineData(1_200)]  // enqueueing and sending
    [InlineData(Events)] // everything acknowledged, killed while sending the rest
    public async Task KilledWithSigkill_EveryAcknowledgedEventIsDelivered_OrParkedOutcomeUnknownIfOffline(int killAfter)
    {
        var database = _directory.File("outbox.db");
        var acknowledged = new ConcurrentBag<int>();
        var child = Start("enqueue", database, Events.ToString(System.Globalization.CultureInfo.InvariantCulture), OfflineEvery.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ReadUntilAsync(child, line =>
        {
            if (line.StartsWith("ACK ", StringComparison.Ordinal)) acknowledged.Add(int.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture));
            return acknowledged.Count >= killAfter;
        }, TimeSpan.FromSeconds(120)); // each ACK is a synced commit: slow on a busy disk
        if (killAfter == Events) await Task.Delay(150); // let it send part of the rest
        child.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown, no drain
        await child.WaitForExitAsync();
        var sentBeforeKill = _sandbox.GetReport().Totals.Received;

        var parked = new List<(string EventId, string Reason)>();
        var drainer = Start("drain", database);
        await ReadUntilAsync(drainer, line =>
        {
            if (line.StartsWith("PARKED ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                parked.Add((parts[1], parts[2]));
            }
            return line == "DRAINED";
        }, TimeSpan.FromSeconds(120));
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60))) await drainer.WaitForExitAsync(exited.Token); // its host stops

        var report = _sandbox.GetReport();
        Assert.True(report.Totals.Received <= 10_000, "every receipt is in the sandbox's recent list");
        var received = report.RecentEvents.Where(e => e.Status == "processed").ToList();
        var receivedIds = received.Select(e => e.EventId).ToHashSet();
        var parkedUnknown = parked.Where(p => p.Reason == "OutcomeUnknown").Select(p => p.EventId).ToHashSet();
        foreach (var i in acknowledged)
        {
            var id = $"k-{i}";
            var offline = i % OfflineEvery == 0;
            Assert.True(receivedIds.Contains(id) || (offline && parkedUnknown.Contains(id)), $"{id} (offline: {offline}) was acknowledged, then lost");
        }
        Assert.All(parked, p => Assert.Equal("OutcomeUnknown", p.Reason));
        Assert.All(parkedUnknown, id => Assert.Equal(0, int.Parse(id[2..], System.Globalization.CultureInfo.InvariantCulture) % OfflineEvery));
        // No offline event was received twice: Pinterest would count it twice.
        Assert.All(received.Where(e => e.ActionSource == "offline").GroupBy(e => e.EventId), g => Assert.Single(g));
        output.WriteLine($"killed after {acknowledged.Count} acknowledged ({sentBeforeKill} events received by then); after the drain: " +
            $"{receivedIds.Count} distinct received, {report.Totals.DuplicateReceipts} duplicate receipts (non-offline, deduplicated), {parkedUnknown.Count} offline parked OutcomeUnknown");
    }

    private Process Start(string mode, string database, params string[] rest)
    {
        var host = Path.Combine(DotnetCli.RepoRoot, "tests", "Pinterest.Conversions.Outbox.TestHost", "bin", Configuration, "net10.0", "Pinterest.Conversions.Outbox.TestHost.dll");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { host, mode, database, new Uri(_sandbox.BaseAddress, "v5/").ToString() }.Concat(rest)) start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        _children.Add(process);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("child: " + e.Data); };
        process.BeginErrorReadLine();
        return process;
    }

    // The test host was built beside this assembly, in the same configuration (Debug or Release).
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
