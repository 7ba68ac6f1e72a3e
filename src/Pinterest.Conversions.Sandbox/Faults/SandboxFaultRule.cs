using System.Text.Json.Serialization;

namespace Pinterest.Conversions.Sandbox;

/// <summary>
/// One rule of a <see cref="SandboxFaultPlan"/>: which fault, and on which requests (the next <see cref="Count"/> ones,
/// a <see cref="Rate"/> of them, after letting <see cref="Skip"/> through).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class SandboxFaultRule
{
    /// <summary>What the fault does.</summary>
    public SandboxFaultKind Kind { get; init; }

    /// <summary>For <see cref="SandboxFaultKind.Status"/>: 429, 500, 502, 503 or 504.</summary>
    public int? Status { get; init; }

    /// <summary>For a status fault: the <c>Retry-After</c> header, in seconds (0 to 86400); none when null.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>A wait before the fault (0 to 600000 ms); required for <see cref="SandboxFaultKind.Delay"/>. Wall-clock time.</summary>
    public int? DelayMilliseconds { get; init; }

    /// <summary>How many requests the rule applies to; null for no limit.</summary>
    public int? Count { get; init; }

    /// <summary>The chance (above 0, at most 1) that the rule applies to a request it sees; null for every one.</summary>
    public double? Rate { get; init; }

    /// <summary>How many requests the rule lets through before it starts to apply.</summary>
    public int Skip { get; init; }
}
