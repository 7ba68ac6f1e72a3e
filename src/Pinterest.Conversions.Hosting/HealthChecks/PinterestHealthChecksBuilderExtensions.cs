using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Pinterest delivery health check the framework's way: <c>services.AddHealthChecks().AddPinterestConversions()</c>.</summary>
public static class PinterestHealthChecksBuilderExtensions
{
    /// <summary>The check's default name.</summary>
    public const string DefaultName = "pinterest-conversions";

    /// <summary>
    /// Adds the check (tags <c>pinterest</c> and <c>ready</c>): for readiness, never liveness (a restart does not fix a
    /// revoked token or an outage). Needs <c>AddPinterestConversions</c> on the services.
    /// </summary>
    public static IHealthChecksBuilder AddPinterestConversions(
        this IHealthChecksBuilder builder, Action<Pinterest.Conversions.Hosting.PinterestHealthCheckOptions>? configure = null,
        string name = DefaultName, HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var options = builder.Services.AddOptions<Pinterest.Conversions.Hosting.PinterestHealthCheckOptions>(name);
        if (configure is not null) options.Configure(configure);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new Pinterest.Conversions.Hosting.PinterestConversionsHealthCheck(
                sp.GetRequiredService<Pinterest.Conversions.Hosting.IPinterestOutbox>(),
                sp.GetRequiredService<Pinterest.Conversions.Hosting.PinterestHealthMonitor>(),
                sp.GetRequiredService<Pinterest.Conversions.Hosting.PinterestAccounts>(),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Pinterest.Conversions.Hosting.PinterestHealthCheckOptions>>()),
            failureStatus,
            tags ?? ["pinterest", "ready"],
            timeout));
    }
}
