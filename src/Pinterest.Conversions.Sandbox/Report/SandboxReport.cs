namespace Pinterest.Conversions.Sandbox;

/// <summary>Everything the sandbox has seen since it started or was reset: served as JSON at <c>GET /sandbox/report</c>.</summary>
public sealed class SandboxReport
{
    /// <summary>When the report was made, by the sandbox's clock.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Requests to the events endpoint, by outcome.</summary>
    public required SandboxRequestCounts Requests { get; init; }

    /// <summary>Event counts over every event name and channel.</summary>
    public required SandboxEventCounts Totals { get; init; }

    /// <summary>Event counts per event name and channel (<c>api</c> or <c>tag</c>), ordered by name then channel.</summary>
    public required IReadOnlyList<SandboxEventCounts> ByEvent { get; init; }

    /// <summary>The site's resilience level over the API events received, with the reasons.</summary>
    public required SandboxHealthReport Health { get; init; }

    /// <summary>The most recent events, newest first.</summary>
    public required IReadOnlyList<SandboxEventRecord> RecentEvents { get; init; }
}
