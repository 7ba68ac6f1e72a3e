namespace Pinterest.Conversions.Sandbox;

/// <summary>One received event as the dashboard lists it. Holds no user_data value.</summary>
public sealed class SandboxEventRecord
{
    /// <summary>When the sandbox received it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary><c>api</c> or <c>tag</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The event name as sent (at most 100 characters kept).</summary>
    public required string EventName { get; init; }

    /// <summary>The event id as sent (at most 256 characters kept).</summary>
    public required string EventId { get; init; }

    /// <summary>The action source as sent; null when it was not accepted.</summary>
    public string? ActionSource { get; init; }

    /// <summary>The event time, Unix seconds.</summary>
    public required long EventTime { get; init; }

    /// <summary><c>processed</c> or <c>failed</c>, as the response said.</summary>
    public required string Status { get; init; }

    /// <summary>True when removed as a duplicate (it does not count as a conversion).</summary>
    public required bool Deduplicated { get; init; }

    /// <summary>True when the same event_id + event_name arrived before within 48 hours.</summary>
    public required bool DuplicateReceipt { get; init; }

    /// <summary>True when received more than an hour after its event_time.</summary>
    public required bool Late { get; init; }

    /// <summary>How Pinterest would report it: the action source, or <c>offline</c> when late.</summary>
    public string? ReportedAs { get; init; }

    /// <summary>The error or warning message of the response, if any.</summary>
    public string? Message { get; init; }
}
