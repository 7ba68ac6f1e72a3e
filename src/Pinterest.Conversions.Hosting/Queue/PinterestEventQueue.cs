using System.Buffers;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Conversions.Hosting.Delivery;
using Pinterest.Conversions.Hosting.Outbox;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The queue's front: checks the account, serializes the event now, applies the send rules that can already be applied
/// (unsendable, event_time out of range), and hands it to the store: directly for memory, through the group-committing
/// writer for a durable store. The delivery engine sends what the store holds.
/// </summary>
internal sealed class PinterestEventQueue : IPinterestEventQueue, IDisposable
{
    private readonly IPinterestOutboxStore _store;
    private readonly PinterestConversionsOptions _options;
    private readonly IPinterestAccountResolver _resolver;
    private readonly DeliveryEngine _engine;
    private readonly PinterestMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly PinterestWriteContext _writeContext;
    private readonly OutboxLimits _limits;
    private readonly OutboxWriter? _writer;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_scratch;

    public PinterestEventQueue(
        IPinterestOutboxStore store, IOptions<PinterestConversionsOptions> options, IPinterestAccountResolver resolver, DeliveryEngine engine,
        PinterestMetrics metrics, ILogger<PinterestEventQueue> logger, TimeProvider time)
    {
        _store = store;
        _options = options.Value;
        _resolver = resolver;
        _engine = engine;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _writeContext = new PinterestWriteContext(time) { DefaultPartnerName = _options.DefaultPartnerName };
        var capacity = store.IsDurable ? _options.Outbox.Capacity : _options.Queue.Capacity;
        Capacity = (int)Math.Min(capacity, int.MaxValue);
        _limits = new OutboxLimits(capacity, _options.Delivery.OfflineIdempotencyWindow);
        if (store.IsDurable) _writer = new OutboxWriter(store, _limits, engine.EventsAdded, logger);
    }

    public int Capacity { get; }

    public int Count => (int)Math.Min(_store.Count, int.MaxValue);

    public PinterestEnqueueResult Enqueue<T>(in T evt, string? account = null) where T : IPinterestEvent
    {
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        if (!TryPrepare(evt, account, out var prepared, out var refused)) return refused;
        if (_writer is null) return Finish(evt.EventName, AddInMemory(prepared.Event), prepared.Report);

        var pending = new PendingAdd(prepared.Event);
        var completion = _writer.Post(pending);
        try
        {
            // Blocking is safe: the commit is made on the writer's own thread, never on the thread pool.
            return completion.Wait(_options.Outbox.EnqueueTimeout)
                ? Finish(evt.EventName, completion.Result, prepared.Report)
                : StoreUnavailable(evt.EventName, prepared.Report, null);
        }
        catch (AggregateException ex)
        {
            return StoreUnavailable(evt.EventName, prepared.Report, ex.InnerException);
        }
    }

    public async ValueTask<PinterestEnqueueResult> EnqueueAsync<T>(T evt, string? account = null, CancellationToken cancellationToken = default)
        where T : IPinterestEvent
    {
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        cancellationToken.ThrowIfCancellationRequested();
        if (!TryPrepare(evt, account, out var prepared, out var refused)) return refused;
        if (_writer is null) return Finish(evt.EventName, AddInMemory(prepared.Event), prepared.Report);

        cancellationToken.ThrowIfCancellationRequested(); // the last point where cancelling leaves no trace
        var completion = _writer.Post(new PendingAdd(prepared.Event));
        try
        {
            var result = await completion.WaitAsync(_options.Outbox.EnqueueTimeout, _time, CancellationToken.None).ConfigureAwait(false);
            return Finish(evt.EventName, result, prepared.Report);
        }
        catch (TimeoutException)
        {
            return StoreUnavailable(evt.EventName, prepared.Report, null);
        }
        catch (Exception ex)
        {
            return StoreUnavailable(evt.EventName, prepared.Report, ex);
        }
    }

    public async ValueTask<PinterestEnqueueResult> EnqueueAsync<T>(DbTransaction transaction, T evt, string? account = null, CancellationToken cancellationToken = default)
        where T : IPinterestEvent
    {
        if (transaction is null) throw new ArgumentNullException(nameof(transaction));
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        if (transaction.Connection is not { } connection)
            throw new InvalidOperationException("The transaction is completed: it has no connection.");
        if (connection.State != System.Data.ConnectionState.Open)
            throw new InvalidOperationException("The transaction's connection is not open.");
        if (!_store.IsDurable)
            throw new NotSupportedException("The in-memory queue cannot join a database transaction: use a durable outbox (UseSqliteOutbox or UsePostgreSqlOutbox).");
        if (!TryPrepare(evt, account, out var prepared, out var refused)) return refused;
        // The payload lives in this thread's scratch buffer, which another enqueue may reuse once the store awaits:
        // a store gets its own copy. Provider exceptions propagate: they belong to the caller's transaction.
        var own = prepared.Event;
        own = new OutboxNewEvent(own.Account, own.EventName, own.EventId, own.Report, own.Payload.ToArray(), own.IdempotencyKey);
        var result = await _store.AddAsync(transaction, own, _limits, cancellationToken).ConfigureAwait(false);
        return Finish(evt.EventName, result, prepared.Report);
    }

    private OutboxAddResult AddInMemory(in OutboxNewEvent evt)
    {
        Span<OutboxAddResult> result = stackalloc OutboxAddResult[1];
        _store.Add(new ReadOnlySpan<OutboxNewEvent>(in evt), result, _limits);
        if (result[0] == OutboxAddResult.Added) _engine.EventsAdded(1);
        return result[0];
    }

    // Everything before the store: stopping, the account, serialization and the send rules that apply already.
    private bool TryPrepare<T>(in T evt, string? account, out Prepared prepared, out PinterestEnqueueResult refused) where T : IPinterestEvent
    {
        prepared = default;
        var name = evt.EventName;
        if (_engine.IsStopping)
        {
            _metrics.Dropped.Add(1);
            PinterestLog.QueueStopped(_logger, PinterestEventNames.ForDisplay(name));
            refused = new PinterestEnqueueResult(PinterestEnqueueStatus.Stopped, default);
            return false;
        }
        if (!AccountKeys.IsValid(account) || !_resolver.IsKnown(account))
        {
            _metrics.Rejected.Add(1);
            PinterestLog.UnknownAccount(_logger, PinterestEventNames.ForDisplay(name), account is null ? 0 : account.Length);
            refused = new PinterestEnqueueResult(PinterestEnqueueStatus.UnknownAccount, default);
            return false;
        }

        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(1024);
        scratch.ResetWrittenCount();
        var report = PinterestSerializedEvent.Write(evt, scratch, _writeContext);
        var rejection = PinterestConversionsClient.CheckLocally(report, _time.GetUtcNow(), _options.MaxClockSkew, _options.MaxEventAge);
        if (rejection != PinterestRejectionReason.None)
        {
            _metrics.Rejected.Add(1);
            var status = rejection == PinterestRejectionReason.Unsendable ? PinterestEnqueueStatus.Unsendable : PinterestEnqueueStatus.EventTimeOutOfRange;
            PinterestLog.EnqueueRefused(_logger, PinterestEventNames.ForDisplay(name), rejection, report.UnsendableReason);
            refused = new PinterestEnqueueResult(status, report, rejection);
            return false;
        }

        var stored = AccountKeys.ToStored(account);
        var offline = report.ActionSource == ActionSource.Offline;
        var key = offline ? OfflineKey(stored, name, evt.EventId) : default;
        prepared = new Prepared(new OutboxNewEvent(stored, name, evt.EventId, report, scratch.WrittenMemory, key), report);
        if (scratch.Capacity > 64 * 1024) t_scratch = null; // do not keep a huge scratch per thread (the bytes are copied before use)
        refused = default;
        return true;
    }

    /// <summary>SHA-256 of (account, event name, event id), the offline idempotency key: fixed size, no raw id kept in the index.</summary>
    internal static byte[] OfflineKey(string storedAccount, string eventName, string eventId)
    {
        var text = string.Concat(storedAccount, "\n", eventName, "\n", eventId);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }

    private PinterestEnqueueResult Finish(string eventName, OutboxAddResult result, PinterestEventReport report)
    {
        switch (result)
        {
            case OutboxAddResult.Added:
                _metrics.Enqueued.Add(1);
                return new PinterestEnqueueResult(PinterestEnqueueStatus.Enqueued, report);
            case OutboxAddResult.Duplicate:
                _metrics.Rejected.Add(1);
                PinterestLog.Duplicate(_logger, eventName);
                return new PinterestEnqueueResult(PinterestEnqueueStatus.Duplicate, report);
            default:
                _metrics.Dropped.Add(1);
                PinterestLog.QueueFull(_logger, Capacity, eventName);
                return new PinterestEnqueueResult(PinterestEnqueueStatus.QueueFull, report);
        }
    }

    private PinterestEnqueueResult StoreUnavailable(string eventName, PinterestEventReport report, Exception? exception)
    {
        _metrics.Dropped.Add(1);
        PinterestLog.StoreUnavailable(_logger, eventName, _options.Outbox.EnqueueTimeout, exception?.GetType().Name ?? "timeout");
        return new PinterestEnqueueResult(PinterestEnqueueStatus.StoreUnavailable, report);
    }

    public void Dispose() => _writer?.Dispose();

    private readonly record struct Prepared(OutboxNewEvent Event, PinterestEventReport Report);
}
