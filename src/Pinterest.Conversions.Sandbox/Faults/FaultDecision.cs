namespace Pinterest.Conversions.Sandbox.Faults;

/// <summary>What to do to one request: wait, then answer normally, answer with a status, or reset.</summary>
internal readonly record struct FaultDecision(SandboxFaultKind? Kind, int Status, int? RetryAfterSeconds, int DelayMilliseconds)
{
    public static FaultDecision None { get; } = new(null, 0, null, 0);

    /// <summary>True when a status or reset replaces the normal answer.</summary>
    public bool Replaces => Kind is SandboxFaultKind.Status or SandboxFaultKind.ResetBefore or SandboxFaultKind.ResetAfter;
}
