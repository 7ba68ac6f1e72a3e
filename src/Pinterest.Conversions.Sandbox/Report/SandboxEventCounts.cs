using System.Text.Json.Serialization;

namespace Pinterest.Conversions.Sandbox;

/// <summary>Counts of received events, for one event name and channel or for all of them.</summary>
public sealed class SandboxEventCounts
{
    /// <summary>The event name; null in the totals. Names that are not accepted count as <c>(unknown event_name)</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EventName { get; init; }

    /// <summary><c>api</c> or <c>tag</c>; null in the totals.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Channel { get; init; }

    /// <summary>Events received (failed ones included).</summary>
    public long Received { get; init; }

    /// <summary>Events processed.</summary>
    public long Processed { get; init; }

    /// <summary>Events that failed the per-event rules.</summary>
    public long Failed { get; init; }

    /// <summary>Processed events that count as a conversion: processed minus deduplicated.</summary>
    public long Conversions { get; init; }

    /// <summary>Processed events removed as duplicates of one kept within 48 hours (never offline ones).</summary>
    public long Deduplicated { get; init; }

    /// <summary>Processed events whose event_id + event_name arrived before within 48 hours, offline ones included.</summary>
    public long DuplicateReceipts { get; init; }

    /// <summary>Non-offline events received more than an hour after their event_time.</summary>
    public long Late { get; init; }

    /// <summary>Processed events reported as offline: action source offline, or late.</summary>
    public long ReportedAsOffline { get; init; }
}
