using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Pinterest.Conversions.Hosting.Outbox;

/// <summary>
/// The default store: the same seam and rules as the durable ones, in memory (lost with the process; a drain timeout
/// reports what is left). One lock guards everything; due events are found through a priority queue per account and
/// kind (offline or not), whose stale entries are skipped when met.
/// </summary>
internal sealed class InMemoryOutboxStore : IPinterestOutboxStore
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<long, Row> _rows = new();
    private readonly Dictionary<string, AccountQueues> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Lease> _leases = new();
    private readonly Dictionary<Key, DateTimeOffset> _keys = new();
    private long _nextId;
    private long _active; // pending + claimed + sending

    public InMemoryOutboxStore(TimeProvider time) => _time = time;

    public bool IsDurable => false;

    public bool CanSend => true;

    public long Count => Volatile.Read(ref _active);

    public ValueTask StartAsync(Action wakeUp, CancellationToken cancellationToken) => default;

    public ValueTask<bool> TryTakeSenderRoleAsync(CancellationToken cancellationToken) => new(true);

    public void Add(ReadOnlySpan<OutboxNewEvent> events, Span<OutboxAddResult> results, OutboxLimits limits)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            for (var i = 0; i < events.Length; i++) results[i] = AddOne(events[i], limits, now);
        }
    }

    public ValueTask<OutboxAddResult> AddAsync(DbTransaction transaction, OutboxNewEvent evt, OutboxLimits limits, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The in-memory outbox cannot join a database transaction: use a durable outbox (UseSqliteOutbox or UsePostgreSqlOutbox).");

    private OutboxAddResult AddOne(in OutboxNewEvent evt, OutboxLimits limits, DateTimeOffset now)
    {
        if (_active >= limits.Capacity) return OutboxAddResult.Full;
        Key? key = null;
        if (!evt.IdempotencyKey.IsEmpty)
        {
            key = new Key(evt.IdempotencyKey.Span);
            if (_keys.TryGetValue(key.Value, out var accepted) && accepted > now - limits.IdempotencyWindow) return OutboxAddResult.Duplicate;
            _keys[key.Value] = now;
        }
        var row = new Row(++_nextId, evt, now, key);
        _rows.Add(row.Id, row);
        Queues(row.Account).Push(row);
        Volatile.Write(ref _active, _active + 1);
        return OutboxAddResult.Added;
    }

    public ValueTask<OutboxReady> GetReadyAsync(int countUpTo, IReadOnlyCollection<string> excludedAccounts, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var next = RecoverExpiredLeases(now);
            var ready = new List<OutboxReadyAccount>();
            foreach (var (account, queues) in _accounts)
            {
                if (queues.Pending == 0 || excludedAccounts.Contains(account)) continue;
                var head = queues.Head();
                if (head is null) continue;
                // Pending events, due or not: close enough for the batching decision, and free to count.
                if (head.DueAt <= now) ready.Add(new OutboxReadyAccount(account, Math.Min(queues.Pending, countUpTo), head.EnqueuedAt));
                else if (next is null || head.DueAt < next) next = head.DueAt;
            }
            return new(new OutboxReady(ready, now, next));
        }
    }

    // A lease that ran out returns its rows to pending; those that were sending come back flagged (docs/delivery.md, "Leases and crashes").
    private DateTimeOffset? RecoverExpiredLeases(DateTimeOffset now)
    {
        DateTimeOffset? next = null;
        List<Guid>? expired = null;
        foreach (var (token, lease) in _leases)
        {
            if (lease.Until > now)
            {
                if (next is null || lease.Until < next) next = lease.Until;
                continue;
            }
            (expired ??= []).Add(token);
        }
        if (expired is null) return next;
        foreach (var token in expired)
        {
            foreach (var id in _leases[token].Ids)
            {
                if (!_rows.TryGetValue(id, out var row) || row.Lease != token) continue;
                row.MayHaveBeenProcessed |= row.State == RowState.Sending;
                MakePending(row, now);
            }
            _leases.Remove(token);
        }
        return next;
    }

    public ValueTask<OutboxClaim> ClaimAsync(string account, int maxEvents, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var token = Guid.NewGuid();
            var claimed = new List<OutboxEvent>();
            if (_accounts.TryGetValue(account, out var queues))
            {
                var queue = queues.EarliestKind();
                var ids = new List<long>();
                while (claimed.Count < maxEvents && queue.TryPeekValid(out var row) && row.DueAt <= now)
                {
                    queue.Dequeue();
                    queues.Pending--;
                    row.State = RowState.Claimed;
                    row.Lease = token;
                    row.Version++;
                    ids.Add(row.Id);
                    claimed.Add(row.ToEvent());
                }
                if (ids.Count > 0) _leases.Add(token, new Lease(now + leaseDuration, ids));
            }
            return new(new OutboxClaim(token, now, claimed));
        }
    }

    public ValueTask<IReadOnlyList<OutboxMarked>> MarkSendingAsync(Guid leaseToken, IReadOnlyList<long> ids, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var marked = new List<OutboxMarked>(ids.Count);
            if (!_leases.TryGetValue(leaseToken, out var lease) || lease.Until <= now) return new(marked);
            lease.Until = now + leaseDuration;
            foreach (var id in ids)
            {
                if (!_rows.TryGetValue(id, out var row) || row.Lease != leaseToken || row.State is not (RowState.Claimed or RowState.Sending)) continue;
                row.State = RowState.Sending;
                row.Attempts++;
                row.FirstSentAt ??= now;
                marked.Add(new OutboxMarked(id, row.FirstSentAt.Value, now));
            }
            return new(marked);
        }
    }

    public ValueTask CompleteAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var id in ids)
            {
                if (!_rows.TryGetValue(id, out var row)) continue;
                var held = row.Lease == leaseToken && row.State is RowState.Claimed or RowState.Sending;
                // Processed is news even from a stale lease: it also takes the event out of parked OutcomeUnknown.
                if (!held && !(row.State == RowState.Parked && row.Reason == PinterestParkReason.OutcomeUnknown)) continue;
                if (row.State != RowState.Parked) Volatile.Write(ref _active, _active - 1);
                _rows.Remove(id);
                Forget(row);
            }
            return default;
        }
    }

    public ValueTask RescheduleAsync(Guid leaseToken, IReadOnlyList<OutboxReschedule> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var e in events)
            {
                if (!TryHeld(e.Id, leaseToken, out var row)) continue;
                row.MayHaveBeenProcessed |= e.MayHaveBeenProcessed;
                Forget(row);
                MakePending(row, now + e.Delay);
            }
            return default;
        }
    }

    public ValueTask ParkAsync(Guid leaseToken, IReadOnlyList<OutboxPark> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var e in events)
            {
                if (!TryHeld(e.Id, leaseToken, out var row)) continue;
                Forget(row);
                row.State = RowState.Parked;
                row.Lease = Guid.Empty;
                row.Reason = e.Reason;
                row.Message = e.Message;
                row.ParkedAt = now;
                Volatile.Write(ref _active, _active - 1);
            }
            return default;
        }
    }

    public ValueTask ReleaseAsync(Guid leaseToken, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var id in ids)
            {
                if (!TryHeld(id, leaseToken, out var row) || row.State != RowState.Claimed) continue;
                Forget(row);
                MakePending(row, now);
            }
            return default;
        }
    }

    private bool TryHeld(long id, Guid token, out Row row) =>
        _rows.TryGetValue(id, out row!) && row.Lease == token && row.State is RowState.Claimed or RowState.Sending;

    private void MakePending(Row row, DateTimeOffset dueAt)
    {
        row.State = RowState.Pending;
        row.Lease = Guid.Empty;
        row.DueAt = dueAt;
        row.Version++;
        Queues(row.Account).Push(row);
    }

    // Takes a row out of its lease's list (the lease goes when empty).
    private void Forget(Row row)
    {
        if (row.Lease == Guid.Empty || !_leases.TryGetValue(row.Lease, out var lease)) return;
        lease.Ids.Remove(row.Id);
        if (lease.Ids.Count == 0) _leases.Remove(row.Lease);
    }

    private AccountQueues Queues(string account)
    {
        if (!_accounts.TryGetValue(account, out var queues)) _accounts.Add(account, queues = new AccountQueues());
        return queues;
    }

    public ValueTask<PinterestOutboxStatistics> GetStatisticsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var tally = new OutboxTally();
            foreach (var row in _rows.Values)
            {
                var inFlight = row.State is RowState.Claimed or RowState.Sending
                    && _leases.TryGetValue(row.Lease, out var lease) && lease.Until > now;
                var pending = row.State == RowState.Pending || (row.State != RowState.Parked && !inFlight);
                tally.Add(row.Account, pending, inFlight, row.State == RowState.Parked, row.EnqueuedAt);
            }
            return new(tally.ToStatistics(now));
        }
    }

    public async IAsyncEnumerable<PinterestParkedEvent> GetParkedAsync(string? account, int limit, string? after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<PinterestParkedEvent> page;
        lock (_gate)
        {
            var afterId = OutboxIds.Parse(after);
            var key = account is null ? null : AccountKeys.ToStored(account);
            page = _rows.Values
                .Where(r => r.State == RowState.Parked && r.Id > afterId && (key is null || r.Account == key))
                .OrderBy(r => r.Id)
                .Take(limit)
                .Select(r => r.ToParked())
                .ToList();
        }
        foreach (var parked in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return parked;
        }
        await Task.CompletedTask.ConfigureAwait(false);
    }

    public ValueTask<int> RedriveAsync(PinterestOutboxSelection selection, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var count = 0;
            foreach (var row in Selected(selection).Where(r => r.Reason != PinterestParkReason.Expired).ToList())
            {
                row.Attempts = 0;
                row.FirstSentAt = null;
                row.MayHaveBeenProcessed = false;
                row.Message = null;
                MakePending(row, now);
                Volatile.Write(ref _active, _active + 1);
                count++;
            }
            return new(count);
        }
    }

    public ValueTask<int> PurgeAsync(PinterestOutboxSelection selection, bool releaseIdempotencyKeys, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var chosen = Selected(selection).ToList();
            foreach (var row in chosen)
            {
                _rows.Remove(row.Id);
                if (releaseIdempotencyKeys && row.Key is { } key) _keys.Remove(key);
            }
            return new(chosen.Count);
        }
    }

    public ValueTask<int> PruneAsync(TimeSpan parkedRetention, TimeSpan idempotencyWindow, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var old = _rows.Values.Where(r => r.State == RowState.Parked && r.ParkedAt < now - parkedRetention).ToList();
            foreach (var row in old) _rows.Remove(row.Id);
            foreach (var key in _keys.Where(k => k.Value < now - idempotencyWindow).Select(k => k.Key).ToList()) _keys.Remove(key);
            return new(old.Count);
        }
    }

    private IEnumerable<Row> Selected(PinterestOutboxSelection selection)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var ids = selection.Ids?.Select(OutboxIds.Parse).ToHashSet();
        var account = selection.AnyAccount ? null : AccountKeys.ToStored(selection.Account);
        return _rows.Values.Where(r => r.State == RowState.Parked
            && (ids is null || ids.Contains(r.Id))
            && (account is null || r.Account == account)
            && (selection.Reason is null || r.Reason == selection.Reason));
    }

    /// <summary>
    /// Takes every event not yet delivered nor parked (the drain timeout passed): those a request may have carried to
    /// Pinterest, and the others.
    /// </summary>
    public (List<OutboxEvent> MayHaveBeenProcessed, List<OutboxEvent> NotSent) TakeRemaining()
    {
        lock (_gate)
        {
            var left = _rows.Values.Where(r => r.State != RowState.Parked).OrderBy(r => r.Id).ToList();
            foreach (var row in left) _rows.Remove(row.Id);
            _accounts.Clear();
            _leases.Clear();
            Volatile.Write(ref _active, 0);
            var maybe = left.Where(r => r.MayHaveBeenProcessed || r.State == RowState.Sending).Select(r => r.ToEvent()).ToList();
            var notSent = left.Where(r => !(r.MayHaveBeenProcessed || r.State == RowState.Sending)).Select(r => r.ToEvent()).ToList();
            return (maybe, notSent);
        }
    }

    public ValueTask DisposeAsync() => default;

    private enum RowState
    {
        Pending,
        Claimed,
        Sending,
        Parked,
    }

    private sealed class Row(long id, OutboxNewEvent evt, DateTimeOffset now, Key? key)
    {
        public long Id { get; } = id;
        public string Account { get; } = evt.Account;
        public string EventName { get; } = evt.EventName;
        public string EventId { get; } = evt.EventId;
        public PinterestEventReport Report { get; } = evt.Report;
        public bool IsOffline => Report.ActionSource == ActionSource.Offline;
        public long EventTime => Report.EventTime;
        public byte[] Payload { get; } = evt.Payload.ToArray();
        public DateTimeOffset EnqueuedAt { get; } = now;
        public Key? Key { get; } = key;
        public RowState State { get; set; }
        public DateTimeOffset DueAt { get; set; } = now;
        public int Version { get; set; }
        public int Attempts { get; set; }
        public DateTimeOffset? FirstSentAt { get; set; }
        public bool MayHaveBeenProcessed { get; set; }
        public Guid Lease { get; set; }
        public PinterestParkReason Reason { get; set; }
        public string? Message { get; set; }
        public DateTimeOffset ParkedAt { get; set; }

        public OutboxEvent ToEvent() =>
            new(Id, Account, EventName, EventId, Report, Payload, Attempts, FirstSentAt, MayHaveBeenProcessed, EnqueuedAt);

        public PinterestParkedEvent ToParked() =>
            new(OutboxIds.Format(Id), AccountKeys.FromStored(Account), EventName, EventId, IsOffline, DateTimeOffset.FromUnixTimeSeconds(EventTime),
                FirstSentAt, Attempts, Reason, Message, ParkedAt);
    }

    private sealed class Lease(DateTimeOffset until, List<long> ids)
    {
        public DateTimeOffset Until { get; set; } = until;
        public List<long> Ids { get; } = ids;
    }

    // Due rows of one account, offline and not apart (a request never mixes them); entries whose row moved are skipped.
    private sealed class AccountQueues
    {
        private readonly DueQueue _online = new();
        private readonly DueQueue _offline = new();

        public int Pending { get; set; }

        public void Push(Row row)
        {
            (row.IsOffline ? _offline : _online).Push(row);
            Pending++;
        }

        public Row? Head()
        {
            var a = _online.TryPeekValid(out var online) ? online : null;
            var b = _offline.TryPeekValid(out var offline) ? offline : null;
            if (a is null) return b;
            if (b is null) return a;
            return DueQueue.Before(b, a) ? b : a;
        }

        public DueQueue EarliestKind() => Head() is { IsOffline: true } ? _offline : _online;
    }

    private sealed class DueQueue
    {
        private readonly PriorityQueue<(Row Row, int Version), (long DueTicks, long Id)> _queue = new();

        public void Push(Row row) => _queue.Enqueue((row, row.Version), (row.DueAt.UtcTicks, row.Id));

        public bool TryPeekValid(out Row row)
        {
            while (_queue.TryPeek(out var entry, out _))
            {
                if (entry.Row.State == RowState.Pending && entry.Row.Version == entry.Version)
                {
                    row = entry.Row;
                    return true;
                }
                _queue.Dequeue(); // stale: the row was claimed, rescheduled, parked or deleted since
            }
            row = null!;
            return false;
        }

        public void Dequeue() => _queue.Dequeue();

        public static bool Before(Row a, Row b) => a.DueAt < b.DueAt || (a.DueAt == b.DueAt && a.Id < b.Id);
    }

    // A 32-byte SHA-256 as a value key.
    private readonly record struct Key(long A, long B, long C, long D)
    {
        public Key(ReadOnlySpan<byte> hash)
            : this(BitConverter.ToInt64(hash), BitConverter.ToInt64(hash[8..]), BitConverter.ToInt64(hash[16..]), BitConverter.ToInt64(hash[24..]))
        {
        }
    }
}
