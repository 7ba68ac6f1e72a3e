using System.Text.Json.Serialization;

namespace Pinterest.Conversions.Sandbox;

/// <summary>
/// Faults to inject into requests to the events endpoint, in the order of the rules: for each request the first status
/// or reset rule that applies decides; delay rules that apply add up before it. <c>POST /sandbox/faults</c> takes it as
/// JSON (<c>{"seed":1,"rules":[{"kind":"status","status":429,"retry_after_seconds":2,"count":1}]}</c>).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class SandboxFaultPlan
{
    /// <summary>Seeds the draws of <see cref="SandboxFaultRule.Rate"/>: the same requests in the same order meet the same faults.</summary>
    public int Seed { get; init; }

    /// <summary>The rules, applied in order.</summary>
    public IList<SandboxFaultRule> Rules { get; init; } = new List<SandboxFaultRule>();
}
