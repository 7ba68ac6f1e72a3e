using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The delivery's health for readiness probes, from the outbox statistics and the health report. Unhealthy only when
/// nothing can be sent (all sending paused, the default account paused, every configured account paused) or the store
/// cannot be read, so one tenant's revoked token never fails the app's readiness; Degraded for a paused account, an old pending
/// event or Poor resilience. The description and data name accounts and counts, never a personal value or a token.
/// </summary>
internal sealed class PinterestConversionsHealthCheck(
    IPinterestOutbox outbox, PinterestHealthMonitor monitor, PinterestAccounts accounts, IOptionsMonitor<PinterestHealthCheckOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Get(context.Registration.Name);
        PinterestOutboxStatistics statistics;
        try
        {
            statistics = await outbox.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The type only: a store's message can hold a connection string.
            return HealthCheckResult.Unhealthy($"The outbox store could not be read ({ex.GetType().Name}).");
        }

        var report = monitor.GetReport();
        var verdict = PinterestHealthRules.Judge(statistics, report, accounts.Default is not null, accounts.Names, settings);
        var data = new Dictionary<string, object>
        {
            ["pending"] = statistics.Pending,
            ["in_flight"] = statistics.InFlight,
            ["parked"] = statistics.Parked,
            ["paused_accounts"] = report.PausedAccounts.Select(p => p.IsAllSending ? "*" : p.Account ?? "default").ToArray(),
        };
        if (statistics.OldestPendingAge is { } age) data["oldest_pending_age_seconds"] = Math.Round(age.TotalSeconds, 1);
        if (report.Level is { } level) data["resilience"] = level.ToString();
        return new HealthCheckResult(verdict.Status, verdict.Description, data: data);
    }
}

/// <summary>The health check's rules, pure: a status and one sentence per finding.</summary>
internal static class PinterestHealthRules
{
    public static (HealthStatus Status, string Description) Judge(
        PinterestOutboxStatistics statistics, PinterestHealthReport report, bool hasDefaultAccount, IEnumerable<string> namedAccounts,
        PinterestHealthCheckOptions settings)
    {
        var unhealthy = new List<string>();
        var degraded = new List<string>();
        var paused = report.PausedAccounts;

        if (paused.Any(p => p.IsAllSending)) unhealthy.Add("All sending is paused: Pinterest's address answered as if it were wrong.");
        var pausedKeys = paused.Where(p => !p.IsAllSending).Select(p => AccountKeys.ToStored(p.Account)).ToHashSet(StringComparer.Ordinal);
        // Every configured account (named, and the default when set). Accounts an IPinterestAccountResolver serves are
        // not known in advance: the outbox only holds those with events, and a paused tenant's events stay while the
        // others' leave, so counting them would fail readiness for one tenant. Their pauses only degrade.
        var known = namedAccounts.Select(AccountKeys.ToStored).ToHashSet(StringComparer.Ordinal);
        if (hasDefaultAccount) known.Add("");
        if (known.Count > 0 && known.IsSubsetOf(pausedKeys)) unhealthy.Add(known.Count == 1 ? "The only configured account is paused." : $"Every configured account ({known.Count}) is paused.");
        else if (hasDefaultAccount && pausedKeys.Contains("")) unhealthy.Add("The default account is paused.");

        var pausedNamed = paused.Where(p => !p.IsAllSending && p.Account is not null).Select(p => p.Account!).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (pausedNamed.Count > 0)
            degraded.Add($"{pausedNamed.Count} account{(pausedNamed.Count == 1 ? " is" : "s are")} paused: {string.Join(", ", pausedNamed.Take(10))}{(pausedNamed.Count > 10 ? ", ..." : "")}.");
        if (statistics.OldestPendingAge is { } age && age > settings.MaxPendingAge)
            degraded.Add($"The oldest pending event has waited {Format(age)}, over {Format(settings.MaxPendingAge)}.");
        if (settings.DegradedWhenResilienceIsPoor && report.Level == ResilienceLevel.Poor)
            degraded.Add("Resilience is Poor: " + string.Join(" ", report.Reasons));

        if (unhealthy.Count > 0) return (HealthStatus.Unhealthy, string.Join(" ", unhealthy.Concat(degraded)));
        if (degraded.Count > 0) return (HealthStatus.Degraded, string.Join(" ", degraded));
        return (HealthStatus.Healthy, $"{statistics.Pending} pending, {statistics.Parked} parked.");
    }

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h"
        : span.TotalMinutes >= 1 ? span.TotalMinutes.ToString("0.#", CultureInfo.InvariantCulture) + " min"
        : span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
