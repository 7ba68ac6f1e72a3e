namespace Pinterest.Conversions;

/// <summary>The result of a send: one outcome per event in input order, the HTTP requests made, and the warnings.</summary>
public sealed class PinterestSendResult
{
    /// <summary>Creates a result from outcomes and the requests that produced them.</summary>
    public PinterestSendResult(IReadOnlyList<PinterestEventOutcome> outcomes, IReadOnlyList<PinterestRequestResult> requests)
    {
        Outcomes = outcomes;
        Requests = requests;
        foreach (var outcome in outcomes)
        {
            switch (outcome.Status)
            {
                case PinterestEventStatus.Processed: Processed++; break;
                case PinterestEventStatus.Failed: Failed++; break;
                case PinterestEventStatus.RejectedLocally: RejectedLocally++; break;
                default: Unknown++; break;
            }
        }
    }

    /// <summary>One outcome per input event, in input order.</summary>
    public IReadOnlyList<PinterestEventOutcome> Outcomes { get; }

    /// <summary>The HTTP requests made, in order (none when every event was rejected locally).</summary>
    public IReadOnlyList<PinterestRequestResult> Requests { get; }

    /// <summary>Pinterest's request ids (<c>x-pinterest-rid</c>) of the requests that were answered.</summary>
    public IEnumerable<string> RequestIds => Requests.Where(r => r.RequestId is not null).Select(r => r.RequestId!);

    /// <summary>The outcomes that carry a warning from Pinterest.</summary>
    public IEnumerable<PinterestEventOutcome> Warnings => Outcomes.Where(o => o.Warning is not null);

    /// <summary>Events Pinterest processed.</summary>
    public int Processed { get; }

    /// <summary>Events that failed at Pinterest or were never taken.</summary>
    public int Failed { get; }

    /// <summary>Events rejected before sending.</summary>
    public int RejectedLocally { get; }

    /// <summary>Events whose fate is unknown.</summary>
    public int Unknown { get; }

    /// <summary>True when every event was processed.</summary>
    public bool IsSuccess => Processed == Outcomes.Count;

    /// <summary>Counts by status.</summary>
    public override string ToString() =>
        $"{Outcomes.Count} events: {Processed} processed, {Failed} failed, {RejectedLocally} rejected locally, {Unknown} unknown; {Requests.Count} requests";
}
