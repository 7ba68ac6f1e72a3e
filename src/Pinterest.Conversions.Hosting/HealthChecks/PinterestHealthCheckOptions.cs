namespace Pinterest.Conversions.Hosting;

/// <summary>When <c>AddHealthChecks().AddPinterestConversions()</c> reports Degraded.</summary>
public sealed class PinterestHealthCheckOptions
{
    /// <summary>Degraded while the oldest pending event has waited longer than this (default 15 minutes).</summary>
    public TimeSpan MaxPendingAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Degraded while the health report's resilience level is Poor (default true).</summary>
    public bool DegradedWhenResilienceIsPoor { get; set; } = true;
}
