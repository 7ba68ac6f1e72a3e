namespace Pinterest.Conversions.Sandbox.Dedup;

/// <summary>The running counts behind one <see cref="SandboxEventCounts"/> row; guarded by the store's lock.</summary>
internal sealed class EventCounter
{
    public long Received;
    public long Processed;
    public long Failed;
    public long Deduplicated;
    public long DuplicateReceipts;
    public long Late;
    public long ReportedAsOffline;

    public void Clear() => Received = Processed = Failed = Deduplicated = DuplicateReceipts = Late = ReportedAsOffline = 0;

    public SandboxEventCounts ToCounts(string? eventName, string? channel) => new()
    {
        EventName = eventName,
        Channel = channel,
        Received = Received,
        Processed = Processed,
        Failed = Failed,
        Conversions = Processed - Deduplicated,
        Deduplicated = Deduplicated,
        DuplicateReceipts = DuplicateReceipts,
        Late = Late,
        ReportedAsOffline = ReportedAsOffline,
    };
}
