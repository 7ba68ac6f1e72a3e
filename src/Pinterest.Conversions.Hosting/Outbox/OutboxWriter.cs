using System.Buffers;
using Microsoft.Extensions.Logging;

namespace Pinterest.Conversions.Hosting.Outbox;

/// <summary>
/// Group commit for a durable store: enqueuers hand their events to one writer thread of its own, which adds whatever has
/// gathered in one transaction (one fsync for many events) and completes each enqueuer with its result. A thread of its
/// own, so a synchronous <c>Enqueue</c> that blocks a thread-pool thread never waits for another one to commit.
/// </summary>
internal sealed class OutboxWriter : IDisposable
{
    // Enough for one commit to absorb a burst; the store's transaction stays short.
    private const int MaxEventsPerCommit = 2048;

    // After a commit, the enqueuers it released come back within microseconds: waiting this long for as many as the
    // last commit carried turns one fsync per event into one per burst (a commit costs 0.2 to 0.3 ms on this machine).
    private static readonly long s_gatherTicks = System.Diagnostics.Stopwatch.Frequency / 5_000; // 200 us

    private readonly IPinterestOutboxStore _store;
    private readonly OutboxLimits _limits;
    private readonly Action<int> _onAdded;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly Queue<PendingAdd> _queue = new();
    private readonly Thread _thread;
    private bool _stopped;

    public OutboxWriter(IPinterestOutboxStore store, OutboxLimits limits, Action<int> onAdded, ILogger logger)
    {
        _store = store;
        _limits = limits;
        _onAdded = onAdded;
        _logger = logger;
        _thread = new Thread(Run) { IsBackground = true, Name = "Pinterest outbox writer" };
        _thread.Start();
    }

    /// <summary>Hands an event to the writer; the result completes once it is committed (or the store failed).</summary>
    public Task<OutboxAddResult> Post(PendingAdd add)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                add.Fail(new ObjectDisposedException(nameof(OutboxWriter)));
                return add.Completion;
            }
            _queue.Enqueue(add);
            if (_queue.Count == 1) Monitor.Pulse(_gate);
        }
        return add.Completion;
    }

    private void Run()
    {
        var batch = new List<PendingAdd>(MaxEventsPerCommit);
        var events = new OutboxNewEvent[MaxEventsPerCommit];
        var results = new OutboxAddResult[MaxEventsPerCommit];
        var lastCommit = 1;
        while (true)
        {
            lock (_gate)
            {
                while (_queue.Count == 0 && !_stopped) Monitor.Wait(_gate);
                if (_queue.Count == 0) return;
                while (batch.Count < MaxEventsPerCommit && _queue.Count > 0) batch.Add(_queue.Dequeue());
            }
            Gather(batch, lastCommit);
            lastCommit = batch.Count;
            for (var i = 0; i < batch.Count; i++) events[i] = batch[i].Event;
            try
            {
                _store.Add(events.AsSpan(0, batch.Count), results.AsSpan(0, batch.Count), _limits);
                var added = 0;
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Complete(results[i]);
                    if (results[i] == OutboxAddResult.Added) added++;
                }
                if (added > 0) _onAdded(added);
            }
            catch (Exception ex)
            {
                PinterestLog.StoreAddFailed(_logger, batch.Count, ex.GetType().Name);
                foreach (var add in batch) add.Fail(ex);
            }
            Array.Clear(events, 0, batch.Count);
            batch.Clear();
        }
    }

    // Waits a moment for as many events as the last commit carried (their enqueuers, released by it, are coming back).
    private void Gather(List<PendingAdd> batch, int target)
    {
        var deadline = System.Diagnostics.Stopwatch.GetTimestamp() + s_gatherTicks;
        while (batch.Count < Math.Min(target, MaxEventsPerCommit) && System.Diagnostics.Stopwatch.GetTimestamp() < deadline)
        {
            Thread.Yield();
            lock (_gate)
            {
                if (_stopped) return;
                while (batch.Count < MaxEventsPerCommit && _queue.Count > 0) batch.Add(_queue.Dequeue());
            }
        }
    }

    /// <summary>Commits what was handed over, then stops the thread.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.Pulse(_gate);
        }
        _thread.Join();
    }
}

/// <summary>One event on its way to the writer, in a pooled copy of its bytes (returned when the writer is done).</summary>
internal sealed class PendingAdd
{
    private readonly TaskCompletionSource<OutboxAddResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[]? _rented;

    public PendingAdd(in OutboxNewEvent evt)
    {
        _rented = ArrayPool<byte>.Shared.Rent(evt.Payload.Length);
        evt.Payload.Span.CopyTo(_rented);
        Event = new OutboxNewEvent(evt.Account, evt.EventName, evt.EventId, evt.Report, _rented.AsMemory(0, evt.Payload.Length), evt.IdempotencyKey.ToArray());
    }

    public OutboxNewEvent Event { get; }

    public Task<OutboxAddResult> Completion => _done.Task;

    public void Complete(OutboxAddResult result)
    {
        Return();
        _done.TrySetResult(result);
    }

    public void Fail(Exception exception)
    {
        Return();
        _done.TrySetException(exception);
    }

    private void Return()
    {
        if (_rented is { } rented) ArrayPool<byte>.Shared.Return(rented);
        _rented = null;
    }
}
