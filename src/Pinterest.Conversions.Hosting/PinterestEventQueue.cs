using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Pinterest.Conversions.Hosting;

/// <summary>The bounded queue and its sender: a hosted service that batches, sends, reports and drains.</summary>
internal sealed class PinterestEventQueue : IPinterestEventQueue, IHostedService, IDisposable
{
    private readonly Channel<QueuedEvent> _channel;
    private readonly PinterestConversionsOptions _options;
    private readonly PinterestWriteContext _writeContext;
    private readonly Func<PinterestConversionsClient> _clientFactory;
    private readonly PinterestMetrics _metrics;
    private readonly PinterestHealthMonitor _health;
    private readonly IPinterestSendObserver[] _observers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _abort = new();
    private Task? _sender;
    private int _count;
    private volatile bool _stopping;

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_scratch;

    public PinterestEventQueue(
        IOptions<PinterestConversionsOptions> options, Func<PinterestConversionsClient> clientFactory, PinterestMetrics metrics,
        PinterestHealthMonitor health, IEnumerable<IPinterestSendObserver> observers, ILogger<PinterestEventQueue> logger, TimeProvider? time = null)
    {
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _writeContext = new PinterestWriteContext(_time);
        _clientFactory = clientFactory;
        _metrics = metrics;
        _health = health;
        _observers = observers.ToArray();
        _logger = logger;
        Capacity = _options.Queue.Capacity;
        _channel = Channel.CreateBounded<QueuedEvent>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping anything silently
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    public int Count => Volatile.Read(ref _count);

    public PinterestEnqueueResult Enqueue<T>(in T evt) where T : IPinterestEvent
    {
        if (evt is null) throw new ArgumentNullException(nameof(evt));
        var name = evt.EventName;
        if (_stopping)
        {
            _metrics.Dropped.Add(1);
            PinterestLog.QueueStopped(_logger, name);
            return new PinterestEnqueueResult(PinterestEnqueueStatus.Stopped, default);
        }

        var scratch = t_scratch ??= new ArrayBufferWriter<byte>(1024);
        scratch.ResetWrittenCount();
        var report = PinterestSerializedEvent.Write(evt, scratch, _writeContext);
        if (!report.IsWritten)
        {
            _metrics.Rejected.Add(1);
            PinterestLog.EnqueueUnsendable(_logger, name, report.UnsendableReason);
            return new PinterestEnqueueResult(PinterestEnqueueStatus.Unsendable, report);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(scratch.WrittenCount);
        scratch.WrittenSpan.CopyTo(buffer);
        var item = new QueuedEvent(buffer, scratch.WrittenCount, name, evt.EventId, report);
        if (scratch.Capacity > 64 * 1024) t_scratch = null; // do not keep a huge scratch per thread

        Interlocked.Increment(ref _count);
        if (!_channel.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _count);
            ArrayPool<byte>.Shared.Return(buffer);
            _metrics.Dropped.Add(1);
            if (_stopping)
            {
                PinterestLog.QueueStopped(_logger, name);
                return new PinterestEnqueueResult(PinterestEnqueueStatus.Stopped, report);
            }
            PinterestLog.QueueFull(_logger, Capacity, name);
            return new PinterestEnqueueResult(PinterestEnqueueStatus.QueueFull, report);
        }
        _metrics.Enqueued.Add(1);
        return new PinterestEnqueueResult(PinterestEnqueueStatus.Enqueued, report);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_sender is null) _sender = Task.Run(() => RunAsync(_abort.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _channel.Writer.TryComplete();
        if (_sender is null) return;
        PinterestLog.Draining(_logger, Count);

        using var timeout = new CancellationTokenSource(_options.Queue.DrainTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var finished = await Task.WhenAny(_sender, Task.Delay(Timeout.InfiniteTimeSpan, linked.Token)).ConfigureAwait(false);
        if (finished != _sender)
        {
            // Out of time: cancel the request in flight (its events are reported unknown) and drop the rest, reported.
            await _abort.CancelAsync().ConfigureAwait(false);
            try
            {
                await _sender.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        var dropped = DropRemaining(PinterestDropReason.DrainTimeout);
        if (dropped > 0) PinterestLog.DrainTimedOut(_logger, _options.Queue.DrainTimeout, dropped);
    }

    private async Task RunAsync(CancellationToken abort)
    {
        var reader = _channel.Reader;
        var batchSize = _options.Queue.BatchSize;
        var batch = new List<QueuedEvent>(batchSize);
        try
        {
            while (await reader.WaitToReadAsync(abort).ConfigureAwait(false))
            {
                batch.Clear();
                var deadline = _time.GetUtcNow() + _options.Queue.FlushInterval;
                while (batch.Count < batchSize)
                {
                    while (batch.Count < batchSize && reader.TryRead(out var item)) batch.Add(item);
                    if (batch.Count >= batchSize || _stopping) break;
                    var wait = deadline - _time.GetUtcNow();
                    if (wait <= TimeSpan.Zero) break;
                    using var flush = CancellationTokenSource.CreateLinkedTokenSource(abort);
                    flush.CancelAfter(wait);
                    try
                    {
                        if (!await reader.WaitToReadAsync(flush.Token).ConfigureAwait(false)) break;
                    }
                    catch (OperationCanceledException) when (!abort.IsCancellationRequested)
                    {
                        break; // the flush interval passed
                    }
                }
                if (batch.Count == 0) continue;
                Interlocked.Add(ref _count, -batch.Count);
                await SendAsync(batch, abort).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            // Stopped by the drain timeout: the remaining events are dropped and reported by StopAsync.
        }
    }

    private async Task SendAsync(List<QueuedEvent> batch, CancellationToken abort)
    {
        var events = new PinterestSerializedEvent[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            events[i] = new PinterestSerializedEvent(item.EventName, item.EventId, item.Buffer.AsMemory(0, item.Length), item.Report);
        }
        try
        {
            var result = await _clientFactory().SendSerializedAsync(null, events, abort).ConfigureAwait(false);
            Report(result);
        }
        catch (Exception ex)
        {
            // A bug or a misconfiguration, not a Pinterest answer: reported, never silent.
            _metrics.Unknown.Add(batch.Count);
            PinterestLog.SendThrew(_logger, batch.Count, ex.GetType().Name);
            Notify(batch.Select(e => new PinterestDroppedEvent(e.EventName, e.EventId, PinterestDropReason.SendError)).ToArray());
        }
        finally
        {
            foreach (var item in batch) ArrayPool<byte>.Shared.Return(item.Buffer);
        }
    }

    private void Report(PinterestSendResult result)
    {
        _metrics.Record(result);
        _health.Record(result);
        foreach (var request in result.Requests)
        {
            if (request.StatusCode is not 200 && request.Attempts > 0)
                PinterestLog.RequestFailed(_logger, request.RequestId, request.EventCount, request.StatusCode, request.ErrorCode, request.ErrorMessage);
        }
        if (result.Unknown > 0) PinterestLog.EventsUnknown(_logger, result.Unknown, result.Requests.Any(r => r.HasOfflineEvents));
        if (result.RejectedLocally > 0 && _logger.IsEnabled(LogLevel.Debug))
        {
            foreach (var outcome in result.Outcomes.Where(o => o.Status == PinterestEventStatus.RejectedLocally))
                PinterestLog.EventRejected(_logger, outcome.EventName, outcome.Index, outcome.RejectionReason, outcome.UnsendableReason);
        }
        PinterestLog.BatchSent(_logger, result.Outcomes.Count, result.Requests.Count, result.Processed, result.Failed, result.RejectedLocally, result.Unknown);
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnSent(result);
            }
            catch (Exception)
            {
                // An observer's failure must not stop the queue.
            }
        }
    }

    private int DropRemaining(PinterestDropReason reason)
    {
        var dropped = new List<PinterestDroppedEvent>();
        while (_channel.Reader.TryRead(out var item))
        {
            Interlocked.Decrement(ref _count);
            dropped.Add(new PinterestDroppedEvent(item.EventName, item.EventId, reason));
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }
        if (dropped.Count > 0)
        {
            _metrics.Dropped.Add(dropped.Count);
            Notify(dropped);
        }
        return dropped.Count;
    }

    private void Notify(IReadOnlyList<PinterestDroppedEvent> dropped)
    {
        foreach (var observer in _observers)
        {
            try
            {
                observer.OnDropped(dropped);
            }
            catch (Exception)
            {
                // An observer's failure must not stop the queue.
            }
        }
    }

    public void Dispose() => _abort.Dispose();

    private readonly record struct QueuedEvent(byte[] Buffer, int Length, string EventName, string EventId, PinterestEventReport Report);
}
