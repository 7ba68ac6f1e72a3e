using Pinterest.Conversions.Sandbox.Validation;
using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions.Sandbox.Report;

/// <summary>
/// Turns the runtime's site assessment (<see cref="PinterestResilience.AssessSite"/>) into sentences. The rules live in
/// the runtime; this only counts and words them.
/// </summary>
internal static class HealthReport
{
    public static SandboxHealthReport Build(ResilienceTally tally, IReadOnlyList<EventName> tagEvents)
    {
        var tagNames = tagEvents.Select(n => PinterestJsonNames.Of(n).Value).ToArray();
        if (tally.Events == 0)
        {
            return new SandboxHealthReport
            {
                Level = null, ApiEvents = 0, MissingSignals = [], TagEvents = tagNames,
                Reasons = ["No API event has been processed yet."],
            };
        }

        // No Tag event seen: the site is taken to run no Tag, as AssessSite's null means.
        var assessment = PinterestResilience.AssessSite(tally, tagEvents.Count == 0 ? null : tagEvents);
        var missing = WireVocabulary.KeysOf(assessment.MissingSignals).ToArray();
        return new SandboxHealthReport
        {
            Level = assessment.Level,
            ApiEvents = tally.Events,
            MissingSignals = missing,
            TagEvents = tagNames,
            Reasons = Reasons(assessment, tally, tagEvents, missing),
        };
    }

    private static List<string> Reasons(ResilienceAssessment assessment, ResilienceTally tally, IReadOnlyList<EventName> tagEvents, string[] missing)
    {
        var reasons = new List<string>();
        var gaps = assessment.Gaps;
        if (gaps.HasFlag(ResilienceGaps.IpAndUserAgentMissing))
        {
            reasons.Add($"{tally.OnlineEvents - tally.OnlineEventsWithIpAndUserAgent} of {tally.OnlineEvents} web and app events lack " +
                $"{WireVocabulary.ClientIpAddress} or {WireVocabulary.ClientUserAgent}: Good needs both on every event that is not offline.");
        }
        if (gaps.HasFlag(ResilienceGaps.CheckoutWithoutEmailOrMobileAdId))
        {
            reasons.Add($"{tally.Checkouts - tally.CheckoutsWithEmailOrMobileAdId} of {tally.Checkouts} checkout events carry neither " +
                $"{WireVocabulary.Email} nor {WireVocabulary.MobileAdId}: Good needs one on every checkout.");
        }
        if (gaps.HasFlag(ResilienceGaps.LowerFunnelTagEventsNotSent))
        {
            var notSent = tagEvents.Where(n => IsLowerFunnelNotSent(tally, n)).Select(n => PinterestJsonNames.Of(n).Value);
            reasons.Add($"The Tag fires {string.Join(", ", notSent)} but no API event of that name was processed: " +
                "Good needs every lower-funnel Tag event sent through the API too.");
        }
        if (gaps.HasFlag(ResilienceGaps.MediumOrLowSignalsMissing))
            reasons.Add($"Great also needs these signals on the events: {string.Join(", ", missing)}.");
        if (reasons.Count == 0)
            reasons.Add("Every Good requirement is met and every medium and low weight signal was sent.");
        return reasons;
    }

    // Asks the runtime's rule about one event name alone rather than repeating which names are lower funnel.
    private static bool IsLowerFunnelNotSent(ResilienceTally tally, EventName name) =>
        !tally.HasSent(name)
        && PinterestResilience.AssessSite(new ResilienceTally(), [name]).Gaps.HasFlag(ResilienceGaps.LowerFunnelTagEventsNotSent);
}
