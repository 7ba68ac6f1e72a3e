namespace Pinterest.Conversions.Sandbox;

/// <summary>
/// The resilience level of the site as Pinterest's help article defines it (Poor, Good, Great), computed with the
/// runtime's <see cref="PinterestResilience.AssessSite"/> over the API events processed and the Tag events seen.
/// </summary>
public sealed class SandboxHealthReport
{
    /// <summary>The level; null until an API event has been processed.</summary>
    public ResilienceLevel? Level { get; init; }

    /// <summary>The requirements not met, in one line each; what the level rests on when all are met.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>API events the level was computed from.</summary>
    public required long ApiEvents { get; init; }

    /// <summary>The user_data keys of the medium and low weight signals never sent (what Great still needs).</summary>
    public required IReadOnlyList<string> MissingSignals { get; init; }

    /// <summary>The standard event names seen on the Tag channel, taken as the events the site fires with the Tag.</summary>
    public required IReadOnlyList<string> TagEvents { get; init; }
}
