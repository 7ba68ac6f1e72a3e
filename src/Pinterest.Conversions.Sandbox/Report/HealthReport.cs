using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions.Sandbox.Report;

/// <summary>
/// The sandbox's health report: the runtime's <see cref="ResilienceExplanation"/> (rules and wording live there) over
/// the API events processed and the Tag events seen.
/// </summary>
internal static class HealthReport
{
    public static SandboxHealthReport Build(ResilienceTally tally, IReadOnlyList<EventName> tagEvents)
    {
        // No Tag event seen: the site is taken to run no Tag, as AssessSite's null means.
        var explanation = ResilienceExplanation.Explain(tally, tagEvents.Count == 0 ? null : tagEvents);
        return new SandboxHealthReport
        {
            Level = explanation.Assessment?.Level,
            ApiEvents = tally.Events,
            MissingSignals = explanation.MissingSignalKeys,
            TagEvents = tagEvents.Select(n => PinterestJsonNames.Of(n).Value).ToArray(),
            Reasons = explanation.Reasons,
        };
    }
}
