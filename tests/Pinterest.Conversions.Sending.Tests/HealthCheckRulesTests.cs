using Microsoft.Extensions.Diagnostics.HealthChecks;
using Pinterest.Conversions.Hosting;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>The health check's rules as a table: what degrades, what fails readiness, and what never does.</summary>
public sealed class HealthCheckRulesTests
{
    private static readonly DateTimeOffset s_until = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    // accounts with events (",": none), paused ("*": all sending), default configured, named configured, oldest age (min), level → status
    [InlineData("", "", true, "", null, null, HealthStatus.Healthy)]
    [InlineData("alpha,beta", "beta", true, "", null, null, HealthStatus.Degraded)]          // one tenant's token: never readiness
    [InlineData("alpha,beta", "alpha,beta", true, "", null, null, HealthStatus.Degraded)]    // the default still sends
    [InlineData("alpha,beta", "alpha,beta,", true, "", null, null, HealthStatus.Unhealthy)]  // every account
    [InlineData("alpha,beta", "alpha,beta", false, "", null, null, HealthStatus.Degraded)]   // resolver tenants: never readiness
    [InlineData("gamma", "gamma", false, "", null, null, HealthStatus.Degraded)]             // the one tenant with events left
    [InlineData("", "alpha,beta", false, "alpha,beta", null, null, HealthStatus.Unhealthy)]  // every configured account
    [InlineData("alpha", "alpha", false, "alpha,beta", null, null, HealthStatus.Degraded)]   // a configured account still sends
    [InlineData("", ",", true, "", null, null, HealthStatus.Unhealthy)]                      // the default account
    [InlineData("alpha", ",", true, "", null, null, HealthStatus.Unhealthy)]                 // the default account, tenants fine
    [InlineData("", "*", true, "", null, null, HealthStatus.Unhealthy)]                      // all sending
    [InlineData("", "", true, "", 16.0, null, HealthStatus.Degraded)]                        // an old pending event
    [InlineData("", "", true, "", 14.0, null, HealthStatus.Healthy)]
    [InlineData("", "", true, "", null, ResilienceLevel.Poor, HealthStatus.Degraded)]
    [InlineData("", "", true, "", null, ResilienceLevel.Good, HealthStatus.Healthy)]
    public void Judge(string withEvents, string paused, bool hasDefault, string named, double? oldestMinutes, ResilienceLevel? level, HealthStatus expected)
    {
        var (status, description) = PinterestHealthRules.Judge(
            Statistics(withEvents, oldestMinutes), Report(paused, level), hasDefault, Split(named), new PinterestHealthCheckOptions());
        Assert.Equal(expected, status);
        Assert.False(string.IsNullOrWhiteSpace(description));
    }

    [Fact]
    public void TheDescription_SaysEachFinding_NamingAccountsAndAges()
    {
        var (status, description) = PinterestHealthRules.Judge(
            Statistics("alpha,beta", 90), Report("beta", ResilienceLevel.Poor), true, [], new PinterestHealthCheckOptions());
        Assert.Equal(HealthStatus.Degraded, status);
        Assert.Contains("1 account is paused: beta.", description);
        Assert.Contains("The oldest pending event has waited 1.5 h, over 15 min.", description);
        Assert.Contains("Resilience is Poor: no checkout carried an email.", description);
    }

    [Fact]
    public void Options_TurnTheResilienceRuleOff_AndMoveTheAgeThreshold()
    {
        var options = new PinterestHealthCheckOptions { DegradedWhenResilienceIsPoor = false, MaxPendingAge = TimeSpan.FromHours(2) };
        var (status, _) = PinterestHealthRules.Judge(Statistics("", 90), Report("", ResilienceLevel.Poor), true, [], options);
        Assert.Equal(HealthStatus.Healthy, status);
    }

    private static PinterestOutboxStatistics Statistics(string withEvents, double? oldestMinutes)
    {
        TimeSpan? age = oldestMinutes is { } m ? TimeSpan.FromMinutes(m) : null;
        var accounts = Split(withEvents).Select(a => new PinterestOutboxAccountStatistics(a, 3, 0, 0, age, false)).ToList();
        return new PinterestOutboxStatistics(accounts.Count * 3, 0, 0, age, accounts);
    }

    private static PinterestHealthReport Report(string paused, ResilienceLevel? level)
    {
        var pauses = paused.Length == 0 ? [] : paused.Split(',').Select(p => p switch
        {
            "*" => new PinterestPausedAccount(null, "HTTP 404", s_until, isAllSending: true),
            "" => new PinterestPausedAccount(null, "HTTP 401", s_until),
            _ => new PinterestPausedAccount(p, "HTTP 401", s_until),
        }).ToList();
        return new PinterestHealthReport(level, level is null ? [] : ["no checkout carried an email."], 10, null, null, [], default, null, true, pauses);
    }

    private static string[] Split(string list) => list.Length == 0 ? [] : list.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
