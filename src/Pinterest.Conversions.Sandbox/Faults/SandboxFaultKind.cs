namespace Pinterest.Conversions.Sandbox;

/// <summary>What an injected fault does to a request to the events endpoint.</summary>
public enum SandboxFaultKind
{
    /// <summary>Answer with an HTTP status instead (429 with code 8, 503 with code 4197, 500, 502, 504).</summary>
    Status = 0,

    /// <summary>Wait <see cref="SandboxFaultRule.DelayMilliseconds"/>, then go on to the next rule and the endpoint.</summary>
    Delay = 1,

    /// <summary>Abort the connection before processing: nothing is recorded, the client sees a network error.</summary>
    ResetBefore = 2,

    /// <summary>Process and record the request, then abort the connection instead of answering.</summary>
    ResetAfter = 3,
}
