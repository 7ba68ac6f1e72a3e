using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Hosting.Delivery;

/// <summary>
/// Sends what the store holds, by the redelivery table of docs/delivery.md (<see cref="PinterestRetryRules"/>): a scheduler loop
/// picks accounts with due events, fairly, while it holds one of <c>MaxConcurrentRequests</c> slots and the account's rate
/// permit, breaker and pause allow; each claim is checked (expired, future, no longer safe to resend), marked sending
/// under its lease before every HTTP attempt, and ends removed, pending again, split, or parked. The same engine runs on
/// every store, the in-memory one included.
/// </summary>
internal sealed class DeliveryEngine : IHostedService, IDisposable
{
    private static readonly TimeSpan s_statisticsInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_pruneInterval = TimeSpan.FromHours(1);

    private readonly IPinterestOutboxStore _store;
    private readonly PinterestConversionsOptions _options;
    private readonly PinterestDeliveryPolicy _policy;
    private readonly IPinterestAccountResolver _resolver;
    private readonly Func<PinterestConversionsClient> _client;
    private readonly TimeProvider _time;
    private readonly PinterestMetrics _metrics;
    private readonly PinterestHealthMonitor _health;
    private readonly IPinterestSendObserver[] _observers;
    private readonly ILogger _logger;
    private readonly TimeSpan _leaseDuration;

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _inFlightByAccount = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _sends = new();
    private readonly AccountPauses _pauses;
    private readonly RequestRateLimiter _rates;
    private readonly CircuitBreakers _breakers;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stopClaiming = new();
    private readonly CancellationTokenSource _abort = new();
    private Task? _loop;
    private volatile bool _rescan = true;
    private long _addedSinceScan;
    private long _firstAddedTicks;
    private DateTimeOffset _nextScanAt = DateTimeOffset.MinValue;
    private int _inFlight;
    private int _rotation;
    private volatile bool _draining;
    private volatile bool _stopping;

    public DeliveryEngine(
        IPinterestOutboxStore store, IOptions<PinterestConversionsOptions> options, IPinterestAccountResolver resolver,
        Func<PinterestConversionsClient> client, TimeProvider time, PinterestMetrics metrics, PinterestHealthMonitor health,
        IEnumerable<IPinterestSendObserver> observers, ILogger<DeliveryEngine> logger)
    {
        _store = store;
        _options = options.Value;
        _policy = _options.ToDeliveryPolicy();
        _resolver = resolver;
        _client = client;
        _time = time;
        _metrics = metrics;
        _health = health;
        _observers = observers.ToArray();
        _logger = logger;
        _leaseDuration = _options.Delivery.GetLeaseDuration(_options.Retry);
        _pauses = new AccountPauses(_options.Retry.BaseDelay, _options.Delivery.MaxPause);
        _rates = new RequestRateLimiter(_options.Delivery.RequestsPerMinute);
        _breakers = new CircuitBreakers(_options.Retry);
        _health.AttachPauses(PausedAccounts);
        _metrics.AttachOutbox(() => Statistics);
    }

    /// <summary>True once shutdown began for a store that does not keep events (new events are then refused).</summary>
    public bool IsStopping => _stopping && !_store.IsDurable;

    /// <summary>The last statistics read from the store (refreshed every few seconds), with paused accounts marked.</summary>
    public PinterestOutboxStatistics? Statistics { get; private set; }

    /// <summary>Wakes the scheduler to look at the store again: a free slot, a redrive, shutdown.</summary>
    public void Wake()
    {
        _rescan = true;
        Signal();
    }

    /// <summary>
    /// Events were added: a hint, not a rescan. The store is looked at again once a batch's worth has come, or when the
    /// first of them has waited the flush interval (every enqueue rescanning the store would starve the writer).
    /// </summary>
    public void EventsAdded(int count)
    {
        if (Interlocked.Add(ref _addedSinceScan, count) == count) Interlocked.Exchange(ref _firstAddedTicks, _time.GetUtcNow().UtcTicks);
        Signal();
    }

    private void Signal()
    {
        try
        {
            if (_wake.CurrentCount == 0) _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    /// <summary>Accounts paused now, with the reason and when the pause (or next probe) ends.</summary>
    public IReadOnlyList<PinterestPausedAccount> PausedAccounts()
    {
        lock (_gate)
        {
            var paused = _pauses.Paused.Select(p => new PinterestPausedAccount(AccountKeys.FromStored(p.Account), p.Reason, p.Until)).ToList();
            if (_pauses.AllPausedReason is { } reason) paused.Add(new PinterestPausedAccount(null, reason, _pauses.AllPausedUntil, isAllSending: true));
            return paused;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        if (_loop is null) return;
        if (_store.IsDurable)
        {
            // Stop claiming; attempts in flight get at most their attempt timeout, then are cancelled; unsent claims are released.
            await _stopClaiming.CancelAsync().ConfigureAwait(false);
            Wake();
            var finished = Task.WhenAll(InFlightSends());
            PinterestLog.Stopping(_logger, InFlightSends().Length);
            if (await Task.WhenAny(finished, Task.Delay(_options.Retry.AttemptTimeout, _time, cancellationToken)).ConfigureAwait(false) != finished)
                await _abort.CancelAsync().ConfigureAwait(false);
        }
        else
        {
            // Without an outbox: send what is held until all is sent or the drain timeout passes; then cut off what is in flight.
            var drained = await DrainAsync(cancellationToken).ConfigureAwait(false);
            await _stopClaiming.CancelAsync().ConfigureAwait(false);
            if (!drained) await _abort.CancelAsync().ConfigureAwait(false);
            Wake();
        }
        await Task.WhenAll(InFlightSends()).ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (!_store.IsDurable) ReportLeftInMemory();
    }

    private async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        PinterestLog.Draining(_logger, (int)Math.Min(_store.Count, int.MaxValue));
        var deadline = _time.GetUtcNow() + _options.Queue.DrainTimeout;
        Wake();
        while (_store.Count > 0)
        {
            if (_time.GetUtcNow() >= deadline || cancellationToken.IsCancellationRequested) return false;
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(10), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return true;
    }

    // The in-memory store's events left after the drain: reported, never silent.
    private void ReportLeftInMemory()
    {
        if (_store is not InMemoryOutboxStore memory) return;
        var (unknown, dropped) = memory.TakeRemaining();
        foreach (var group in unknown.GroupBy(e => e.Account))
        {
            const string message = "Cut off at the drain timeout after its request was written: it may have been processed.";
            ReportFinal(group.Key, new PinterestSendResult(group.Select((e, i) => Outcome(i, e, PinterestEventStatus.Unknown, message, null, null)).ToList(), []));
        }
        if (dropped.Count > 0)
        {
            PinterestLog.DrainTimedOut(_logger, _options.Queue.DrainTimeout, dropped.Count);
            Drop(dropped, PinterestDropReason.DrainTimeout, "Not sent before the drain timeout.");
        }
    }

    private Task[] InFlightSends()
    {
        lock (_gate) return _sends.ToArray();
    }

    private async Task RunAsync()
    {
        var stop = _stopClaiming.Token;
        try
        {
            await _store.StartAsync(Wake, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            return; // stopped before the store had started: nothing was claimed
        }
        catch (Exception ex)
        {
            PinterestLog.StoreFailed(_logger, "start", ex.GetType().Name);
        }
        var nextStatistics = DateTimeOffset.MinValue;
        var nextPrune = DateTimeOffset.MinValue;
        while (!stop.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            if (!ScanIsDue(now, out var waitUntil))
            {
                await WaitAsync(waitUntil, stop).ConfigureAwait(false);
                continue;
            }
            _rescan = false;
            Interlocked.Exchange(ref _addedSinceScan, 0);
            var wakeAt = now + _options.Delivery.PollInterval;
            try
            {
                if (now >= nextStatistics)
                {
                    // Counting is a scan of the store: never let it take more than a twentieth of the sender's time.
                    var started = _time.GetTimestamp();
                    await RefreshStatisticsAsync(stop).ConfigureAwait(false);
                    var took = _time.GetElapsedTime(started);
                    nextStatistics = now + (took * 20 > s_statisticsInterval ? took * 20 : s_statisticsInterval);
                }
                if (_store.CanSend || await _store.TryTakeSenderRoleAsync(stop).ConfigureAwait(false))
                {
                    if (now >= nextPrune)
                    {
                        await _store.PruneAsync(_options.Outbox.ParkedRetention, _options.Delivery.OfflineIdempotencyWindow, stop).ConfigureAwait(false);
                        nextPrune = now + s_pruneInterval;
                        lock (_gate)
                        {
                            _rates.Prune(now);
                            _breakers.Prune(now);
                        }
                    }
                    var next = await ScheduleAsync(stop).ConfigureAwait(false);
                    if (next < wakeAt) wakeAt = next;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                PinterestLog.StoreFailed(_logger, "schedule", ex.GetType().Name);
            }
            _nextScanAt = wakeAt;
            await WaitAsync(wakeAt, stop).ConfigureAwait(false);
        }
    }

    // Whether to look at the store now, or else until when to wait: new events alone make a scan due only once a batch's
    // worth has come or the first of them has waited the flush interval.
    private bool ScanIsDue(DateTimeOffset now, out DateTimeOffset waitUntil)
    {
        waitUntil = _nextScanAt;
        if (_rescan || _draining || now >= _nextScanAt) return true;
        var added = Interlocked.Read(ref _addedSinceScan);
        if (added == 0) return false;
        if (added >= _options.Queue.BatchSize) return true;
        var flushAt = new DateTimeOffset(Interlocked.Read(ref _firstAddedTicks), TimeSpan.Zero) + _options.Queue.FlushInterval;
        if (flushAt <= now) return true;
        if (flushAt < waitUntil) waitUntil = flushAt;
        return false;
    }

    private async Task WaitAsync(DateTimeOffset until, CancellationToken stop)
    {
        var delay = until - _time.GetUtcNow();
        if (delay <= TimeSpan.Zero) return;
        using var woken = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var signal = _wake.WaitAsync(woken.Token);
        var timer = Task.Delay(delay, _time, woken.Token);
        // The clock may have jumped between reading it and starting the timer (a suspended process, a test's fake clock):
        // the timer would then run past `until`, so the time has come already.
        if (_time.GetUtcNow() < until) await Task.WhenAny(signal, timer).ConfigureAwait(false);
        await woken.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(signal, timer).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The other one was cancelled, as it should be.
        }
    }

    private async Task RefreshStatisticsAsync(CancellationToken cancellationToken)
    {
        var statistics = await _store.GetStatisticsAsync(cancellationToken).ConfigureAwait(false);
        HashSet<string?> paused;
        lock (_gate) paused = _pauses.Paused.Select(p => AccountKeys.FromStored(p.Account)).ToHashSet();
        Statistics = new PinterestOutboxStatistics(statistics.Pending, statistics.InFlight, statistics.Parked, statistics.OldestPendingAge,
            statistics.Accounts.Select(a => a.WithPaused(paused.Contains(a.Account))).ToList());
    }

    /// <summary>Starts what can be sent now; returns when to look again.</summary>
    private async Task<DateTimeOffset> ScheduleAsync(CancellationToken stop)
    {
        var now = _time.GetUtcNow();
        IReadOnlyCollection<string> blocked;
        DateTimeOffset wakeAt;
        lock (_gate)
        {
            if (_inFlight >= _options.Delivery.MaxConcurrentRequests) return DateTimeOffset.MaxValue; // a finished send wakes us
            if (_pauses.AllPausedUntil > now) return _pauses.AllPausedUntil;
            blocked = _pauses.Blocked(now, out var unblockAt);
            wakeAt = unblockAt ?? DateTimeOffset.MaxValue;
        }

        var ready = await _store.GetReadyAsync(_options.Queue.BatchSize, blocked, stop).ConfigureAwait(false);
        if (ready.NextDueAt is { } due && due < wakeAt) wakeAt = due;
        var eligible = new List<string>(ready.Accounts.Count);
        foreach (var account in ready.Accounts)
        {
            // Batch: wait for a full batch, or until the oldest due event has waited the flush interval.
            var flushAt = account.OldestEnqueuedAt + _options.Queue.FlushInterval;
            if (_draining || account.DueEvents >= _options.Queue.BatchSize || flushAt <= ready.Now) eligible.Add(account.Account);
            else if (flushAt < wakeAt) wakeAt = flushAt;
        }
        if (eligible.Count == 0) return wakeAt;

        // Each account with ready events gets at most its fair share of the slots, in turn.
        var slots = _options.Delivery.MaxConcurrentRequests;
        var share = (slots + eligible.Count - 1) / eligible.Count;
        var start = _rotation++ % eligible.Count;
        for (var k = 0; k < eligible.Count; k++)
        {
            var account = eligible[(start + k) % eligible.Count];
            bool probeOnly;
            lock (_gate)
            {
                if (_inFlight >= slots) break;
                if (!_pauses.MaySend(account, now, out probeOnly)) continue;
                var busy = _inFlightByAccount.GetValueOrDefault(account);
                if (busy >= share || (probeOnly && busy > 0)) continue;
            }

            var resolved = await ResolveAsync(account, stop).ConfigureAwait(false);
            if (resolved is null) continue;
            lock (_gate)
            {
                now = _time.GetUtcNow();
                if (!_breakers.Allows(resolved.AdAccountId, now, out var reopensAt))
                {
                    if (reopensAt < wakeAt) wakeAt = reopensAt;
                    continue;
                }
                if (!_rates.TryAcquire(resolved.AdAccountId, now, out var permitIn))
                {
                    if (now + permitIn < wakeAt) wakeAt = now + permitIn;
                    continue;
                }
                _breakers.Begin(resolved.AdAccountId, now);
                _inFlight++;
                _inFlightByAccount[account] = _inFlightByAccount.GetValueOrDefault(account) + 1;
                var send = Task.Run(() => DeliverAsync(account, resolved), CancellationToken.None);
                _sends.Add(send);
                _ = send.ContinueWith(Finished, TaskScheduler.Default);

                void Finished(Task t)
                {
                    lock (_gate)
                    {
                        _sends.Remove(t);
                        _inFlight--;
                        if (--_inFlightByAccount[account] == 0) _inFlightByAccount.Remove(account);
                    }
                    Wake();
                }
            }
        }
        // More accounts may be ready than slots: look again as soon as one frees (a finished send wakes us).
        return wakeAt;
    }

    private async Task<PinterestAccount?> ResolveAsync(string account, CancellationToken cancellationToken)
    {
        PinterestAccount? resolved = null;
        string reason;
        try
        {
            resolved = await _resolver.ResolveAsync(AccountKeys.FromStored(account), cancellationToken).ConfigureAwait(false);
            reason = "the account resolver returned no account";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            reason = $"the account resolver threw {ex.GetType().Name}";
        }
        if (resolved is not null) return resolved;
        DateTimeOffset until;
        lock (_gate) until = _pauses.PauseAccount(account, reason, _time.GetUtcNow());
        PinterestLog.AccountPaused(_logger, AccountKeys.FromStored(account), reason, until);
        return null;
    }

    // One claim of one account, start to end. Never throws: a store failure leaves the rows leased, and the lease's
    // expiry returns them.
    private async Task DeliverAsync(string account, PinterestAccount resolved)
    {
        try
        {
            var claim = await _store.ClaimAsync(account, _options.Queue.BatchSize, _leaseDuration, CancellationToken.None).ConfigureAwait(false);
            if (claim.Events.Count == 0) return;
            using var flush = DeliveryTracing.StartFlush(account, claim.Events.Count);
            var toSend = await DecideAtClaimAsync(account, claim).ConfigureAwait(false);
            if (toSend.Count == 0) return;
            if (_stopClaiming.IsCancellationRequested && _store.IsDurable)
            {
                await _store.ReleaseAsync(claim.LeaseToken, toSend.Select(e => e.Id).ToList(), CancellationToken.None).ConfigureAwait(false);
                return;
            }
            await SendAsync(new Batch(account, resolved, claim.LeaseToken), toSend, permitHeld: true).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            PinterestLog.StoreFailed(_logger, "deliver", ex.GetType().Name);
        }
    }

    // The test made at every claim, before anything is written: expired, no longer safe to resend, or in the future.
    private async Task<List<OutboxEvent>> DecideAtClaimAsync(string account, OutboxClaim claim)
    {
        var toSend = new List<OutboxEvent>(claim.Events.Count);
        var parks = new List<OutboxPark>();
        var waits = new List<OutboxReschedule>();
        var unknown = new List<OutboxEvent>();
        var expired = new List<OutboxEvent>();
        foreach (var e in claim.Events)
        {
            switch (PinterestRetryRules.DecideAtClaim(e.Facts, _policy, claim.Now))
            {
                case PinterestDeliveryDecision.ParkOutcomeUnknown:
                    parks.Add(new OutboxPark(e.Id, PinterestParkReason.OutcomeUnknown, UnknownMessage(e.IsOffline)));
                    unknown.Add(e);
                    break;
                case PinterestDeliveryDecision.ParkExpired:
                    parks.Add(new OutboxPark(e.Id, PinterestParkReason.Expired, $"event_time became older than {_options.MaxEventAge} before it could be sent."));
                    expired.Add(e);
                    break;
                case PinterestDeliveryDecision.WaitForEventTime:
                    waits.Add(new OutboxReschedule(e.Id, PinterestRetryRules.GetEventTimeWait(e.EventTime, _policy, claim.Now), false));
                    break;
                default:
                    toSend.Add(e);
                    break;
            }
        }
        if (parks.Count > 0) await _store.ParkAsync(claim.LeaseToken, parks, CancellationToken.None).ConfigureAwait(false);
        if (waits.Count > 0) await _store.RescheduleAsync(claim.LeaseToken, waits, CancellationToken.None).ConfigureAwait(false);
        if (unknown.Count > 0)
            ReportFinal(account, new PinterestSendResult(unknown.Select((e, i) => Outcome(i, e, PinterestEventStatus.Unknown, UnknownMessage(e.IsOffline), null, null)).ToList(), []));
        if (expired.Count > 0) Drop(expired, PinterestDropReason.Expired, $"event_time became older than {_options.MaxEventAge} before it could be sent.");
        return toSend;
    }

    private string UnknownMessage(bool offline) => offline
        ? "A request carrying this offline event may have been processed; Pinterest never deduplicates offline events, so it is not sent again."
        : $"A request carrying this event may have been processed, and a resend could no longer arrive within {_options.Delivery.DedupResendWindow} of its first send (Pinterest deduplicates within 48 hours).";

    // One HTTP attempt of a batch (and, when Pinterest answers 400 or 413 for it, of its halves).
    private async Task SendAsync(Batch batch, List<OutboxEvent> events, bool permitHeld)
    {
        if (!permitHeld && !await WaitForPermitAsync(batch.Resolved.AdAccountId).ConfigureAwait(false))
        {
            // Shutting down between the halves of a split: nothing of these was processed (the whole was refused).
            await _store.RescheduleAsync(batch.Lease, events.Select(e => new OutboxReschedule(e.Id, TimeSpan.Zero, false)).ToList(), CancellationToken.None).ConfigureAwait(false);
            return;
        }

        var marked = await _store.MarkSendingAsync(batch.Lease, events.Select(e => e.Id).ToList(), _leaseDuration, CancellationToken.None).ConfigureAwait(false);
        if (marked.Count == 0) return; // the lease was lost: another sender has these rows
        var firstSent = marked.ToDictionary(m => m.Id, m => m.FirstSentAt);
        events = events.Where(e => firstSent.ContainsKey(e.Id)).ToList();
        var markedAt = marked[0].Now;

        // No timeout but the attempt timeout cancels a request already written (and shutdown past it).
        PinterestAttemptResult attempt;
        using (var timeout = new CancellationTokenSource(_options.Retry.AttemptTimeout, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abort.Token))
        {
            attempt = await _client().SendRequestAsync(batch.Resolved, events.Select(e => e.Payload).ToList(),
                events[0].IsOffline, linked.Token).ConfigureAwait(false);
        }
        var now = markedAt + attempt.Duration; // the store's clock, as near as it can be told without asking it
        _metrics.RecordRequest(attempt);
        lock (_gate) _breakers.Record(batch.Resolved.AdAccountId, _time.GetUtcNow(), IsServerFailure(attempt.Verdict));
        if (attempt.StatusCode is not null && attempt.Verdict != PinterestRequestVerdict.Misconfigured)
        {
            lock (_gate) _pauses.ResumeAll(); // an answer from Pinterest: the base address works
        }

        switch (attempt.Verdict)
        {
            case PinterestRequestVerdict.Split when events.Count > 1:
                var half = events.Count / 2;
                await SendAsync(batch, events.GetRange(0, half), permitHeld: false).ConfigureAwait(false);
                await SendAsync(batch, events.GetRange(half, events.Count - half), permitHeld: false).ConfigureAwait(false);
                return;
            case PinterestRequestVerdict.AccountRefused:
            {
                DateTimeOffset until;
                lock (_gate) until = _pauses.PauseAccount(batch.Account, attempt.Message ?? $"Pinterest answered HTTP {attempt.StatusCode}.", _time.GetUtcNow());
                PinterestLog.AccountPaused(_logger, AccountKeys.FromStored(batch.Account), $"HTTP {attempt.StatusCode} ({attempt.Message})", until);
                await Hold(batch, events).ConfigureAwait(false);
                return;
            }
            case PinterestRequestVerdict.Misconfigured:
            {
                DateTimeOffset until;
                lock (_gate) until = _pauses.PauseAll($"HTTP {attempt.StatusCode} from {_options.BaseAddress}", _time.GetUtcNow());
                PinterestLog.AllSendingPaused(_logger, attempt.StatusCode, _options.BaseAddress, until);
                await Hold(batch, events).ConfigureAwait(false);
                return;
            }
        }

        if (attempt.StatusCode is >= 200 and < 300 or 400 or 413 or 422)
        {
            // Pinterest took the token: a paused account (this was its probe) sends again.
            bool resumed;
            lock (_gate) resumed = _pauses.Resume(batch.Account);
            if (resumed) PinterestLog.AccountResumed(_logger, AccountKeys.FromStored(batch.Account));
        }
        await ApplyAsync(batch, events, firstSent, attempt, now).ConfigureAwait(false);
    }

    // Per event, by the table: removed, parked (rejected or unknown), or pending again after the backoff.
    private async Task ApplyAsync(Batch batch, List<OutboxEvent> events, Dictionary<long, DateTimeOffset> firstSent, PinterestAttemptResult attempt, DateTimeOffset now)
    {
        var backoff = PinterestRetryRules.GetBackoff(events.Max(e => e.Attempts) + 1, _options.Retry.BaseDelay, _options.Retry.MaxDelay, Random.Shared.NextDouble());
        var delay = PinterestRetryRules.GetRetryDelay(backoff, attempt.RetryAfter, _options.Delivery.MaxRetryAfter);
        if (attempt.StatusCode == 429)
        {
            lock (_gate) _pauses.Hold(batch.Account, _time.GetUtcNow() + delay); // a 429 holds back the whole account
        }

        var completed = new List<long>();
        var parks = new List<OutboxPark>();
        var again = new List<OutboxReschedule>();
        var outcomes = new List<PinterestEventOutcome>();
        var late = 0;
        for (var k = 0; k < events.Count; k++)
        {
            var e = events[k];
            var facts = new PinterestDeliveryFacts(e.EventTime, e.IsOffline, firstSent[e.Id], e.MayHaveBeenProcessed);
            var answer = attempt.Verdict == PinterestRequestVerdict.Answered ? attempt.Events[k] : default;
            switch (PinterestRetryRules.DecideAfterAttempt(attempt.Verdict, answer.Status, facts, _policy, now))
            {
                case PinterestDeliveryDecision.Remove:
                    completed.Add(e.Id);
                    if (PinterestRetryRules.IsLate(e.EventTime, now)) late++;
                    outcomes.Add(Outcome(k, e, PinterestEventStatus.Processed, null, answer.WarningMessage, attempt.RequestId));
                    break;
                case PinterestDeliveryDecision.ParkRejected:
                    var message = answer.ErrorMessage ?? attempt.Message ?? "Pinterest refused the event.";
                    parks.Add(new OutboxPark(e.Id, PinterestParkReason.Rejected, message));
                    outcomes.Add(Outcome(k, e, PinterestEventStatus.Failed, message, answer.WarningMessage, attempt.RequestId));
                    break;
                case PinterestDeliveryDecision.ParkOutcomeUnknown:
                    var why = $"{attempt.Message ?? attempt.Verdict.ToString()} {UnknownMessage(e.IsOffline)}";
                    parks.Add(new OutboxPark(e.Id, PinterestParkReason.OutcomeUnknown, why));
                    outcomes.Add(Outcome(k, e, PinterestEventStatus.Unknown, why, null, attempt.RequestId));
                    break;
                default: // SendAgainLater
                    again.Add(new OutboxReschedule(e.Id, delay, attempt.MayHaveBeenProcessed));
                    break;
            }
        }
        if (completed.Count > 0) await _store.CompleteAsync(batch.Lease, completed, CancellationToken.None).ConfigureAwait(false);
        if (parks.Count > 0) await _store.ParkAsync(batch.Lease, parks, CancellationToken.None).ConfigureAwait(false);
        if (again.Count > 0)
        {
            await _store.RescheduleAsync(batch.Lease, again, CancellationToken.None).ConfigureAwait(false);
            _metrics.Retried.Add(again.Count);
            PinterestLog.SendingAgain(_logger, again.Count, attempt.StatusCode, attempt.Failure, delay.TotalMilliseconds);
        }
        if (late > 0) _metrics.Late.Add(late);
        if (attempt.StatusCode is not 200 and not null || attempt.Verdict != PinterestRequestVerdict.Answered)
            PinterestLog.RequestFailed(_logger, attempt.RequestId, attempt.EventCount, attempt.StatusCode, attempt.ErrorCode, attempt.Message);
        if (outcomes.Count > 0)
        {
            var request = new PinterestRequestResult(attempt.EventCount, attempt.StatusCode, attempt.RequestId, attempt.ErrorCode, attempt.Message,
                attempt.HasOfflineEvents, attempt.Attempts, attempt.Duration);
            ReportFinal(batch.Account, new PinterestSendResult(outcomes, [request]));
        }
    }

    // 401/403/404/3xx: the events wait, untouched, for the pause to end.
    private ValueTask Hold(Batch batch, List<OutboxEvent> events) =>
        _store.RescheduleAsync(batch.Lease, events.Select(e => new OutboxReschedule(e.Id, TimeSpan.Zero, false)).ToList(), CancellationToken.None);

    private async Task<bool> WaitForPermitAsync(string adAccountId)
    {
        while (!_abort.IsCancellationRequested)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (_rates.TryAcquire(adAccountId, _time.GetUtcNow(), out wait)) return true;
            }
            try
            {
                await Task.Delay(wait, _time, _abort.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return false;
    }

    private static bool IsServerFailure(PinterestRequestVerdict verdict) =>
        verdict is PinterestRequestVerdict.MayHaveBeenProcessed or PinterestRequestVerdict.NotProcessed;

    private void ReportFinal(string account, PinterestSendResult result)
    {
        _metrics.Record(result);
        _health.Record(AccountKeys.FromStored(account), result);
        PinterestLog.BatchSent(_logger, result.Outcomes.Count, result.Requests.Count, result.Processed, result.Failed, result.RejectedLocally, result.Unknown);
        if (result.Unknown > 0) PinterestLog.EventsUnknown(_logger, result.Unknown, result.Outcomes.Any(o => o.Report.ActionSource == ActionSource.Offline));
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnSent(result);
            }
            catch (Exception)
            {
                // An observer's failure must not stop delivery.
            }
        }
    }

    private void Drop(IReadOnlyList<OutboxEvent> events, PinterestDropReason reason, string message)
    {
        _metrics.Dropped.Add(events.Count);
        var dropped = events.Select(e => new PinterestDroppedEvent(e.EventName, e.EventId, reason, AccountKeys.FromStored(e.Account), e.IsOffline,
            DateTimeOffset.FromUnixTimeSeconds(e.EventTime), e.Attempts, message)).ToList();
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnDropped(dropped);
            }
            catch (Exception)
            {
                // An observer's failure must not stop delivery.
            }
        }
    }

    private static PinterestEventOutcome Outcome(int index, OutboxEvent e, PinterestEventStatus status, string? message, string? warning, string? requestId) =>
        new(index, e.EventName, e.EventId, status, e.Report, PinterestRejectionReason.None, message, warning, requestId);

    public void Dispose()
    {
        _stopClaiming.Dispose();
        _abort.Dispose();
        _wake.Dispose();
    }

    private sealed record Batch(string Account, PinterestAccount Resolved, Guid Lease);
}
