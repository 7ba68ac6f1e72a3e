using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The health report over the events Pinterest actually processed, from each event's <see cref="PinterestEventReport"/>:
/// IP and user agent coverage, email or mobile ad id share on checkouts, lower-funnel coverage of the Tag's events, and
/// the level (Poor, Good, Great) by <see cref="PinterestResilience.AssessSite"/>. Thread-safe.
/// </summary>
public sealed class PinterestHealthMonitor
{
    private static readonly Dictionary<string, EventName> s_eventNames =
        Enum.GetValues<EventName>().ToDictionary(n => PinterestJsonNames.Of(n).Value, n => n, StringComparer.Ordinal);

    private readonly object _gate = new();
    private readonly IReadOnlyList<EventName>? _tagEvents;
    private ResilienceTally _tally = new();

    /// <summary>Creates a monitor for a site that fires <paramref name="tagEvents"/> with the Tag (null: no Tag).</summary>
    public PinterestHealthMonitor(IEnumerable<EventName>? tagEvents) => _tagEvents = tagEvents?.ToArray();

    /// <summary>Adds the processed events of <paramref name="result"/>.</summary>
    public void Record(PinterestSendResult result)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        lock (_gate)
        {
            foreach (var outcome in result.Outcomes)
            {
                if (outcome.Status != PinterestEventStatus.Processed) continue;
                EventName? name = outcome.EventName is not null && s_eventNames.TryGetValue(outcome.EventName, out var n) ? n : null;
                _tally.Add(outcome.Report.Signals, name, outcome.Report.ActionSource);
            }
        }
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        lock (_gate) _tally = new ResilienceTally();
    }

    /// <summary>The report now: level, reasons and coverage numbers.</summary>
    public PinterestHealthReport GetReport()
    {
        lock (_gate)
        {
            var tally = _tally;
            // The rules and their wording live in the runtime (one place for the sandbox and for this report).
            var explanation = ResilienceExplanation.Explain(tally, _tagEvents);
            if (explanation.Assessment is not { } assessment)
                return new PinterestHealthReport(null, explanation.Reasons, 0, null, null, [], PinterestSignals.None);

            var ipUa = tally.OnlineEvents == 0 ? (double?)null : (double)tally.OnlineEventsWithIpAndUserAgent / tally.OnlineEvents;
            var checkout = tally.Checkouts == 0 ? (double?)null : (double)tally.CheckoutsWithEmailOrMobileAdId / tally.Checkouts;
            var notSent = explanation.LowerFunnelTagEventsNotSent.Select(n => PinterestJsonNames.Of(n).Value).ToArray();
            return new PinterestHealthReport(assessment.Level, explanation.Reasons, tally.Events, ipUa, checkout, notSent, assessment.MissingSignals);
        }
    }
}

/// <summary>The health report: the level with its reasons and the coverage numbers behind it.</summary>
public sealed class PinterestHealthReport
{
    internal PinterestHealthReport(
        ResilienceLevel? level, IReadOnlyList<string> reasons, long eventsProcessed, double? ipAndUserAgentCoverage,
        double? checkoutEmailOrMobileAdIdShare, IReadOnlyList<string> lowerFunnelTagEventsNotSent, PinterestSignals missingSignals)
    {
        Level = level;
        Reasons = reasons;
        EventsProcessed = eventsProcessed;
        IpAndUserAgentCoverage = ipAndUserAgentCoverage;
        CheckoutEmailOrMobileAdIdShare = checkoutEmailOrMobileAdIdShare;
        LowerFunnelTagEventsNotSent = lowerFunnelTagEventsNotSent;
        MissingSignals = missingSignals;
    }

    /// <summary>Poor, Good or Great; null before the first processed event.</summary>
    public ResilienceLevel? Level { get; }

    /// <summary>One sentence per unmet requirement (or one saying all are met).</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Events Pinterest processed, counted in the report.</summary>
    public long EventsProcessed { get; }

    /// <summary>Share (0 to 1) of non-offline events that carried both IP and user agent; null when there were none.</summary>
    public double? IpAndUserAgentCoverage { get; }

    /// <summary>Share (0 to 1) of checkout events that carried an email or a mobile ad id; null when there were none.</summary>
    public double? CheckoutEmailOrMobileAdIdShare { get; }

    /// <summary>Lower-funnel events the Tag fires that were never processed through the API (wire names).</summary>
    public IReadOnlyList<string> LowerFunnelTagEventsNotSent { get; }

    /// <summary>The medium and low weight signals Great still needs.</summary>
    public PinterestSignals MissingSignals { get; }

    /// <summary>The level and reasons.</summary>
    public override string ToString() => $"{Level?.ToString() ?? "none"}: {string.Join(" ", Reasons)}";
}
