using Pinterest.Conversions.Sandbox.Dedup;
using Pinterest.Conversions.Sandbox.Report;
using Pinterest.Conversions.Sandbox.Validation;

namespace Pinterest.Conversions.Sandbox;

/// <summary>
/// What the sandbox received: API and Tag events deduplicated on event_id + event_name within 48 hours (never offline
/// ones), late events reported as offline, counts per event name and channel, and the inputs of the health report.
/// Thread-safe; time comes from the configured <see cref="TimeProvider"/>.
/// </summary>
public sealed class SandboxEventStore
{
    internal const string ApiChannel = "api";
    internal const string TagChannel = "tag";
    internal const string UnknownEventName = "(unknown event_name)";
    private const int MaxEventIdLength = 256;

    /// <summary>Event names longer than the 100 characters Pinterest allows are kept cut for the dashboard.</summary>
    private const int MaxEventNameLength = 100;

    /// <summary>
    /// Deduplication keys kept at most (about 70 bytes each with the dictionary's own, 70 MB in all): 48 hours of 300
    /// events a minute is 864,000, so this cap is met only by a flood; then the keys seen longest ago go first.
    /// </summary>
    internal const int DefaultMaxDedupKeys = 1_000_000;

    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly int _recentCapacity;

    // All below is guarded by _gate.
    private readonly int _maxDedupKeys;
    private readonly Dictionary<DedupKey, DedupEntry> _seen = new();
    private readonly Dictionary<(string Name, string Channel), EventCounter> _byEvent = new();
    private readonly EventCounter _totals = new();
    private readonly Queue<SandboxEventRecord> _recent = new();
    private readonly Dictionary<string, long> _byStatus = new(StringComparer.Ordinal);
    private readonly HashSet<EventName> _tagEvents = new();
    private ResilienceTally _tally = new();
    private long _requests;
    private long _testRequests;
    private long _faultedRequests;
    private DateTimeOffset _lastPrune;

    internal SandboxEventStore(TimeProvider time, int recentCapacity, int maxDedupKeys = DefaultMaxDedupKeys)
    {
        _time = time;
        _recentCapacity = recentCapacity;
        _maxDedupKeys = maxDedupKeys;
        _lastPrune = time.GetUtcNow();
    }

    /// <summary>A snapshot of the counts, the health report and the recent events.</summary>
    public SandboxReport GetReport()
    {
        lock (_gate)
        {
            var tagEvents = _tagEvents.Order().ToArray();
            return new SandboxReport
            {
                GeneratedAt = _time.GetUtcNow(),
                Requests = new SandboxRequestCounts
                {
                    Total = _requests,
                    Test = _testRequests,
                    Faulted = _faultedRequests,
                    ByStatus = new SortedDictionary<string, long>(_byStatus, StringComparer.Ordinal),
                },
                Totals = _totals.ToCounts(null, null),
                ByEvent = _byEvent
                    .OrderBy(p => p.Key.Name, StringComparer.Ordinal).ThenBy(p => p.Key.Channel, StringComparer.Ordinal)
                    .Select(p => p.Value.ToCounts(p.Key.Name, p.Key.Channel))
                    .ToArray(),
                Health = HealthReport.Build(_tally, tagEvents),
                RecentEvents = _recent.Reverse().ToArray(),
            };
        }
    }

    /// <summary>How many deduplication keys are kept now (for the memory bound's tests).</summary>
    internal int DedupKeyCount
    {
        get
        {
            lock (_gate) return _seen.Count;
        }
    }

    /// <summary>Forgets every event and count (the fault plan is kept).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _seen.Clear();
            _byEvent.Clear();
            _totals.Clear();
            _recent.Clear();
            _byStatus.Clear();
            _tagEvents.Clear();
            _tally = new ResilienceTally();
            _requests = _testRequests = _faultedRequests = 0;
        }
    }

    /// <summary>Counts one request to the events endpoint by what answered it.</summary>
    internal void CountRequest(string status, bool test, bool faulted)
    {
        lock (_gate)
        {
            _requests++;
            if (test) _testRequests++;
            if (faulted) _faultedRequests++;
            _byStatus[status] = _byStatus.GetValueOrDefault(status) + 1;
        }
    }

    /// <summary>Records the events of one request (or one Tag event), in order, as received now.</summary>
    internal IReadOnlyList<SandboxEventRecord> Record(string channel, IReadOnlyList<EventOutcome> outcomes)
    {
        var records = new SandboxEventRecord[outcomes.Count];
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            PruneIfDue(now);
            for (var i = 0; i < outcomes.Count; i++)
                records[i] = RecordOne(channel, outcomes[i], now);
        }
        return records;
    }

    private SandboxEventRecord RecordOne(string channel, EventOutcome evt, DateTimeOffset now)
    {
        var counter = CounterFor(evt.NameAccepted ? evt.EventName : UnknownEventName, channel);
        Count(counter, _totals, c => c.Received++);
        if (evt.Failed)
        {
            Count(counter, _totals, c => c.Failed++);
            return Remember(channel, evt, now, deduplicated: false, duplicate: false, late: false);
        }

        var offline = evt.ActionSource == ActionSource.Offline;
        var late = !offline && DedupRules.IsLate(evt.EventTime, now);
        var key = DedupKey.Of(evt.EventName, evt.EventId);
        var known = _seen.TryGetValue(key, out var entry);
        var duplicate = DedupRules.IsDuplicateReceipt(known ? entry.LastSeen : null, now);
        var deduplicated = DedupRules.IsDeduplicated(evt.ActionSource, known ? entry.KeptAt : null, now);
        if (!known && _seen.Count >= _maxDedupKeys) MakeRoom(now);
        _seen[key] = new DedupEntry(now, !offline && !deduplicated ? now : entry.KeptAt);

        Count(counter, _totals, c =>
        {
            c.Processed++;
            if (duplicate) c.DuplicateReceipts++;
            if (deduplicated) c.Deduplicated++;
            if (late) c.Late++;
            if (offline || late) c.ReportedAsOffline++;
        });

        if (channel == ApiChannel)
            _tally.Add(evt.Signals, evt.StandardName, evt.ActionSource ?? ActionSource.Web);
        else if (evt.StandardName is { } tagEvent)
            _tagEvents.Add(tagEvent);

        return Remember(channel, evt, now, deduplicated, duplicate, late);
    }

    private SandboxEventRecord Remember(string channel, EventOutcome evt, DateTimeOffset now, bool deduplicated, bool duplicate, bool late)
    {
        var source = evt.ActionSource is { } s ? Serialization.PinterestJsonNames.Of(s).Value : null;
        var record = new SandboxEventRecord
        {
            ReceivedAt = now,
            Channel = channel,
            EventName = evt.EventName.Length <= MaxEventNameLength ? evt.EventName : evt.EventName[..MaxEventNameLength],
            EventId = evt.EventId.Length <= MaxEventIdLength ? evt.EventId : evt.EventId[..MaxEventIdLength],
            ActionSource = source,
            EventTime = evt.EventTime,
            Status = evt.Failed ? "failed" : "processed",
            Deduplicated = deduplicated,
            DuplicateReceipt = duplicate,
            Late = late,
            ReportedAs = evt.Failed ? null : late ? "offline" : source,
            Message = evt.Error ?? evt.Warning,
        };
        _recent.Enqueue(record);
        while (_recent.Count > _recentCapacity) _recent.Dequeue();
        return record;
    }

    private EventCounter CounterFor(string name, string channel)
    {
        if (!_byEvent.TryGetValue((name, channel), out var counter))
            _byEvent[(name, channel)] = counter = new EventCounter();
        return counter;
    }

    private static void Count(EventCounter row, EventCounter totals, Action<EventCounter> add)
    {
        add(row);
        add(totals);
    }

    // Keys not seen for longer than the window can no longer match anything: drop them, at most once an hour.
    private void PruneIfDue(DateTimeOffset now)
    {
        if (now - _lastPrune < DedupRules.LateAfter) return;
        Prune(now);
    }

    private void Prune(DateTimeOffset now)
    {
        _lastPrune = now;
        foreach (var key in _seen.Where(p => now - p.Value.LastSeen > DedupRules.Window).Select(p => p.Key).ToArray())
            _seen.Remove(key);
    }

    /// <summary>At the cap: forget expired keys, then the tenth seen longest ago (a flood must not take the memory).</summary>
    private void MakeRoom(DateTimeOffset now)
    {
        Prune(now);
        if (_seen.Count < _maxDedupKeys) return;
        var oldest = _seen.OrderBy(p => p.Value.LastSeen).Take(Math.Max(1, _maxDedupKeys / 10)).Select(p => p.Key).ToArray();
        foreach (var key in oldest) _seen.Remove(key);
    }

    /// <summary>When a key was last received, and when the copy Pinterest keeps arrived (never for offline events).</summary>
    private readonly record struct DedupEntry(DateTimeOffset LastSeen, DateTimeOffset? KeptAt);
}
