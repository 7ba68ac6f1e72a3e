namespace Pinterest.Conversions;

/// <summary>
/// A site's assessment in words: one sentence per unmet requirement, the lower-funnel Tag events never sent through
/// the API, and the missing signals by wire name. The one wording of the health report, for Hosting and the sandbox.
/// </summary>
#if PINTEREST_GENERATOR
internal
#else
public
#endif
sealed class ResilienceExplanation
{
    private ResilienceExplanation(
        ResilienceAssessment? assessment, IReadOnlyList<string> reasons, IReadOnlyList<EventName> lowerFunnelTagEventsNotSent,
        IReadOnlyList<string> missingSignalKeys)
    {
        Assessment = assessment;
        Reasons = reasons;
        LowerFunnelTagEventsNotSent = lowerFunnelTagEventsNotSent;
        MissingSignalKeys = missingSignalKeys;
    }

    /// <summary>The assessment; null before the first event.</summary>
    public ResilienceAssessment? Assessment { get; }

    /// <summary>One sentence per unmet requirement, or one saying that all are met (or that no event was seen).</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Lower-funnel events the site fires with the Tag and never sent through the API.</summary>
    public IReadOnlyList<EventName> LowerFunnelTagEventsNotSent { get; }

    /// <summary>The user_data keys of the medium and low weight signals Great still needs (<c>fn</c>, <c>zp</c>, ...).</summary>
    public IReadOnlyList<string> MissingSignalKeys { get; }

    /// <summary>
    /// Assesses <paramref name="tally"/> with <see cref="PinterestResilience.AssessSite"/> and words the result.
    /// <paramref name="tagEvents"/>: the events the site fires with the Tag; null when it runs no Tag.
    /// </summary>
    public static ResilienceExplanation Explain(ResilienceTally tally, IEnumerable<EventName>? tagEvents)
    {
        if (tally is null) throw new ArgumentNullException(nameof(tally));
        if (tally.Events == 0)
            return new ResilienceExplanation(null, ["No API event has been processed yet."], [], []);

        var tags = tagEvents?.ToArray();
        var assessment = PinterestResilience.AssessSite(tally, tags);
        var notSent = (tags ?? []).Where(n => PinterestSchema.IsLowerFunnel(n) && !tally.HasSent(n)).Distinct().ToArray();
        var missing = SignalKeys(assessment.MissingSignals);
        var reasons = new List<string>();
        var gaps = assessment.Gaps;
        if ((gaps & ResilienceGaps.IpAndUserAgentMissing) != 0)
        {
            reasons.Add(FormattableString.Invariant(
                $"{tally.OnlineEvents - tally.OnlineEventsWithIpAndUserAgent} of {tally.OnlineEvents} web and app events lack {Key(PinterestField.ClientIpAddress)} or {Key(PinterestField.ClientUserAgent)}: Good needs both on every event that is not offline."));
        }
        if ((gaps & ResilienceGaps.CheckoutWithoutEmailOrMobileAdId) != 0)
        {
            reasons.Add(FormattableString.Invariant(
                $"{tally.Checkouts - tally.CheckoutsWithEmailOrMobileAdId} of {tally.Checkouts} checkout events carry neither {Key(PinterestField.Email)} nor {Key(PinterestField.MobileAdId)}: Good needs one on every checkout."));
        }
        if ((gaps & ResilienceGaps.LowerFunnelTagEventsNotSent) != 0)
        {
            reasons.Add($"The Tag fires {string.Join(", ", notSent.Select(n => PinterestSchema.GetWireName(n)))} but no API event of that name was processed: " +
                "Good needs every lower-funnel Tag event sent through the API too.");
        }
        if ((gaps & ResilienceGaps.MediumOrLowSignalsMissing) != 0)
            reasons.Add($"Great also needs these signals on the events: {string.Join(", ", missing)}.");
        if (reasons.Count == 0)
            reasons.Add("Every Good requirement is met and every medium and low weight signal was sent.");
        return new ResilienceExplanation(assessment, reasons, notSent, missing);
    }

    /// <summary>The user_data keys of <paramref name="signals"/>, in signal order.</summary>
    private static string[] SignalKeys(PinterestSignals signals) =>
        PinterestSchema.Fields
            .Where(f => f.Weight != SignalWeight.None && (signals & f.Signal) != 0)
            .OrderBy(f => (long)f.Signal)
            .Select(f => f.WireName)
            .ToArray();

    private static string Key(PinterestField field) => PinterestSchema.GetField(field)!.WireName;
}
