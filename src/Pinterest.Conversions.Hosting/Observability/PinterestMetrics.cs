using System.Diagnostics.Metrics;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The instruments of the Meter <c>Pinterest.Conversions</c>: event counters (enqueued, sent, processed, failed, rejected,
/// retried, dropped, unknown, late), the request duration histogram, and the outbox gauges (pending, parked, oldest age)
/// read from a snapshot the sender refreshes every few seconds (a callback never queries the store). No instrument
/// carries a personal value or a token, nor an account tag (cardinality).
/// </summary>
public sealed class PinterestMetrics : IDisposable
{
    /// <summary>The Meter's name.</summary>
    public const string MeterName = "Pinterest.Conversions";

    private readonly Meter _meter;
    private readonly bool _ownsMeter;

    /// <summary>Creates the instruments on a Meter from <paramref name="meterFactory"/>, or on an own Meter when it is null.</summary>
    public PinterestMetrics(IMeterFactory? meterFactory)
    {
        _ownsMeter = meterFactory is null;
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        Enqueued = _meter.CreateCounter<long>("pinterest.conversions.events.enqueued", "{event}", "Events accepted by the queue.");
        Sent = _meter.CreateCounter<long>("pinterest.conversions.events.sent", "{event}", "Events put in a request to Pinterest.");
        Processed = _meter.CreateCounter<long>("pinterest.conversions.events.processed", "{event}", "Events Pinterest processed.");
        Failed = _meter.CreateCounter<long>("pinterest.conversions.events.failed", "{event}", "Events that failed at Pinterest or were never taken.");
        Rejected = _meter.CreateCounter<long>("pinterest.conversions.events.rejected", "{event}", "Events rejected before sending.");
        Retried = _meter.CreateCounter<long>("pinterest.conversions.events.retried", "{event}", "Events in requests that were retried, once per retry.");
        Dropped = _meter.CreateCounter<long>("pinterest.conversions.events.dropped", "{event}", "Events not queued or not sent: a full or stopped queue, or the drain timeout.");
        Unknown = _meter.CreateCounter<long>("pinterest.conversions.events.unknown", "{event}", "Events sent whose outcome is unknown.");
        RequestDuration = _meter.CreateHistogram<double>("pinterest.conversions.request.duration", "s", "Duration of requests to Pinterest, retries included.");
        Late = _meter.CreateCounter<long>("pinterest.conversions.events.late", "{event}", "Events processed over an hour after their event_time (Pinterest reports them as offline).");
        _meter.CreateObservableGauge("pinterest.conversions.outbox.pending", () => Snapshot()?.Pending ?? 0, "{event}", "Events waiting to be sent.");
        _meter.CreateObservableGauge("pinterest.conversions.outbox.parked", () => Snapshot()?.Parked ?? 0, "{event}", "Events parked for a person.");
        _meter.CreateObservableGauge("pinterest.conversions.outbox.oldest_age", () => Snapshot()?.OldestPendingAge?.TotalSeconds ?? 0, "s",
            "How long the oldest pending event has waited.");
    }

    private Func<PinterestOutboxStatistics?>? _snapshot;

    private PinterestOutboxStatistics? Snapshot() => _snapshot?.Invoke();

    /// <summary>Where the outbox gauges read their snapshot.</summary>
    internal void AttachOutbox(Func<PinterestOutboxStatistics?> snapshot) => _snapshot = snapshot;

    /// <summary>Events processed over an hour after their event_time.</summary>
    public Counter<long> Late { get; }

    /// <summary>Events accepted by the queue.</summary>
    public Counter<long> Enqueued { get; }

    /// <summary>Events put in a request.</summary>
    public Counter<long> Sent { get; }

    /// <summary>Events Pinterest processed.</summary>
    public Counter<long> Processed { get; }

    /// <summary>Events that failed.</summary>
    public Counter<long> Failed { get; }

    /// <summary>Events rejected before sending.</summary>
    public Counter<long> Rejected { get; }

    /// <summary>Events re-sent by a retry, counted once per retry.</summary>
    public Counter<long> Retried { get; }

    /// <summary>Events dropped by the queue, each reported.</summary>
    public Counter<long> Dropped { get; }

    /// <summary>Events whose outcome is unknown.</summary>
    public Counter<long> Unknown { get; }

    /// <summary>Request duration in seconds, retries included, tagged with the final status.</summary>
    public Histogram<double> RequestDuration { get; }

    /// <summary>Records one request: its events as sent, and its duration tagged with the status.</summary>
    public void RecordRequest(PinterestAttemptResult attempt)
    {
        if (attempt is null) throw new ArgumentNullException(nameof(attempt));
        Add(Sent, attempt.EventCount);
        RequestDuration.Record(attempt.Duration.TotalSeconds,
            new KeyValuePair<string, object?>("http.response.status_code", attempt.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
    }

    /// <summary>Records the final outcomes of a send result (processed, failed, rejected, unknown).</summary>
    public void Record(PinterestSendResult result)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        Add(Processed, result.Processed);
        Add(Failed, result.Failed);
        Add(Rejected, result.RejectedLocally);
        Add(Unknown, result.Unknown);
    }

    private static void Add(Counter<long> counter, long value)
    {
        if (value > 0) counter.Add(value);
    }

    /// <summary>Disposes the Meter when this instance created it.</summary>
    public void Dispose()
    {
        if (_ownsMeter) _meter.Dispose();
    }
}
