namespace Pinterest.Conversions.Sandbox.Dedup;

/// <summary>
/// Pinterest's help article (on deduplication): duplicates are removed on event_id + event_name when the
/// event did not take place offline and the copies arrive within 48 hours of one another; events received more than an
/// hour after they happened are reported as offline.
/// </summary>
internal static class DedupRules
{
    /// <summary>"Pinterest receives the duplicate events within 48 hours of one another."</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(48);

    /// <summary>"Events received in real time or within an hour of the event occurring" count as web or app events.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// True when this receipt is removed as a duplicate: it is not offline and the copy Pinterest kept arrived at most
    /// 48 hours ago. Offline events are never removed, and never the copy kept.
    /// </summary>
    public static bool IsDeduplicated(ActionSource? source, DateTimeOffset? keptAt, DateTimeOffset now) =>
        source != ActionSource.Offline && keptAt is { } kept && now - kept <= Window;

    /// <summary>True when the same event_id + event_name arrived before within the window, offline or not.</summary>
    public static bool IsDuplicateReceipt(DateTimeOffset? lastSeen, DateTimeOffset now) =>
        lastSeen is { } seen && now - seen <= Window;

    /// <summary>True when an event arrives more than an hour after its event_time (then reported as offline).</summary>
    public static bool IsLate(long eventTime, DateTimeOffset receivedAt) =>
        receivedAt.ToUnixTimeSeconds() - eventTime > (long)LateAfter.TotalSeconds;
}
