using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using Pinterest.Conversions.Sending;

namespace Pinterest.Conversions;

/// <summary>
/// Sends events to <c>POST {BaseAddress}ad_accounts/{id}/events</c>: at most 1000 a request, written into pooled
/// buffers, one outcome per event in input order. It makes one attempt per request; retries belong to the
/// <see cref="HttpClient"/>'s handlers, which read <see cref="PinterestRetryRules"/> through <see cref="PinterestRetryRules.StateKey"/>
/// (Pinterest.Conversions.Hosting configures them). Cancellation does not throw once a send has begun: events not yet
/// sent end <see cref="PinterestEventStatus.Failed"/>, those of a request in flight <see cref="PinterestEventStatus.Unknown"/>.
/// Thread-safe.
/// </summary>
// RS0026: the contract fixes SendAsync with and without an account, each with an optional token.
#pragma warning disable RS0026
public sealed class PinterestConversionsClient
{
    /// <summary>The most events one request may hold (the spec's <c>maxItems</c>).</summary>
    public const int MaxEventsPerRequest = 1000;

    private const string RequestIdHeader = "x-pinterest-rid";
    private static readonly byte[] s_open = "{\"data\":["u8.ToArray();
    private static readonly byte[] s_close = "]}"u8.ToArray();
    private static readonly MediaTypeHeaderValue s_json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly PinterestAccount? _defaultAccount;
    private readonly PinterestWriteContext _writeContext;

    /// <summary>Creates a client over <paramref name="httpClient"/>; the options are validated and copied.</summary>
    /// <exception cref="ArgumentException">The options are invalid (the message never holds the token).</exception>
    public PinterestConversionsClient(HttpClient httpClient, PinterestConversionsClientOptions options)
    {
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        Options = new PinterestConversionsClientOptions
        {
            AdAccountId = options.AdAccountId,
            AccessToken = options.AccessToken,
            Test = options.Test,
            BaseAddress = WithTrailingSlash(options.BaseAddress),
            MaxClockSkew = options.MaxClockSkew,
            MaxEventAge = options.MaxEventAge,
            TimeProvider = options.TimeProvider,
            WriteContext = options.WriteContext ?? new PinterestWriteContext(options.TimeProvider),
        };
        _defaultAccount = Options.GetDefaultAccount();
        _writeContext = Options.WriteContext!;
    }

    /// <summary>The validated options (a copy).</summary>
    public PinterestConversionsClientOptions Options { get; }

    /// <summary>Sends <paramref name="events"/> to the default account of the options. A null event is rejected locally.</summary>
    /// <exception cref="InvalidOperationException">The options name no default account.</exception>
    public Task<PinterestSendResult> SendAsync<T>(IEnumerable<T> events, CancellationToken cancellationToken = default) where T : IPinterestEvent? =>
        SendAsync(_defaultAccount ?? throw new InvalidOperationException("No default account: set AdAccountId and AccessToken, or pass a PinterestAccount."), events, cancellationToken);

    /// <summary>Sends <paramref name="events"/> to <paramref name="account"/>, for senders that serve several accounts.</summary>
    public async Task<PinterestSendResult> SendAsync<T>(PinterestAccount account, IEnumerable<T> events, CancellationToken cancellationToken = default)
        where T : IPinterestEvent?
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (events is null) throw new ArgumentNullException(nameof(events));

        var outcomes = new List<PinterestEventOutcome>();
        var requests = new List<PinterestRequestResult>();
        using var scratch = new PooledBufferWriter(64 * 1024);
        var chunk = new List<(T? Event, PinterestEventReport Report, int Start, int Length)>(MaxEventsPerRequest);
        var serialized = new PinterestSerializedEvent[MaxEventsPerRequest];
        var names = new string?[MaxEventsPerRequest];

        using var enumerator = events.GetEnumerator();
        var more = true;
        while (more)
        {
            chunk.Clear();
            scratch.Clear();
            while (chunk.Count < MaxEventsPerRequest && (more = enumerator.MoveNext()))
            {
                var evt = enumerator.Current;
                if (evt is null)
                {
                    chunk.Add((evt, default, 0, 0));
                    continue;
                }
                var start = scratch.WrittenCount;
                var report = WriteOne(evt, scratch);
                chunk.Add((evt, report, start, scratch.WrittenCount - start));
            }
            if (chunk.Count == 0) break;

            var memory = scratch.WrittenMemory;
            for (var i = 0; i < chunk.Count; i++)
            {
                var (evt, report, start, length) = chunk[i];
                names[i] = evt?.EventName;
                serialized[i] = evt is null
                    ? default
                    : new PinterestSerializedEvent(evt.EventName, evt.EventId, memory.Slice(start, length), report);
            }
            await SendChunkAsync(account, new ArraySegment<PinterestSerializedEvent>(serialized, 0, chunk.Count), outcomes.Count, outcomes, requests, cancellationToken)
                .ConfigureAwait(false);
            Array.Clear(serialized, 0, chunk.Count);
        }
        return new PinterestSendResult(outcomes, requests);
    }

    /// <summary>
    /// Sends events serialized earlier (see <see cref="PinterestSerializedEvent.Write{T}"/>), in requests of at most 1000,
    /// to <paramref name="account"/> or, when null, the default account. A default <see cref="PinterestSerializedEvent"/>
    /// stands for a null event. The caller keeps the events' memory alive until the task ends.
    /// </summary>
    public async Task<PinterestSendResult> SendSerializedAsync(PinterestAccount? account, IReadOnlyList<PinterestSerializedEvent> events, CancellationToken cancellationToken = default)
    {
        if (events is null) throw new ArgumentNullException(nameof(events));
        account ??= _defaultAccount ?? throw new InvalidOperationException("No default account: set AdAccountId and AccessToken, or pass a PinterestAccount.");
        var outcomes = new List<PinterestEventOutcome>(events.Count);
        var requests = new List<PinterestRequestResult>();
        var chunk = new PinterestSerializedEvent[Math.Min(events.Count, MaxEventsPerRequest)];
        for (var offset = 0; offset < events.Count; offset += MaxEventsPerRequest)
        {
            var count = Math.Min(MaxEventsPerRequest, events.Count - offset);
            for (var i = 0; i < count; i++) chunk[i] = events[offset + i];
            await SendChunkAsync(account, new ArraySegment<PinterestSerializedEvent>(chunk, 0, count), offset, outcomes, requests, cancellationToken)
                .ConfigureAwait(false);
        }
        return new PinterestSendResult(outcomes, requests);
    }

    private async Task SendChunkAsync(
        PinterestAccount account, ArraySegment<PinterestSerializedEvent> events, int baseIndex,
        List<PinterestEventOutcome> outcomes, List<PinterestRequestResult> requests, CancellationToken cancellationToken)
    {
        var first = outcomes.Count;
        var now = Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var latest = now + (long)Options.MaxClockSkew.TotalSeconds;
        var oldest = now - (long)Options.MaxEventAge.TotalSeconds;

        using var body = new PooledBufferWriter(16 * 1024);
        body.Write(s_open);
        var sent = new List<int>(events.Count);
        var hasOffline = false;
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            var index = baseIndex + i;
            PinterestEventOutcome? rejected = null;
            if (evt.EventName is null)
                rejected = Reject(index, evt, PinterestRejectionReason.NullEvent, "The event is null.");
            else if (!evt.Report.IsWritten || evt.Json.IsEmpty)
                rejected = Reject(index, evt, PinterestRejectionReason.Unsendable, $"The event cannot be sent: {evt.Report.UnsendableReason}.");
            else if (evt.Report.EventTime > latest)
                rejected = Reject(index, evt, PinterestRejectionReason.EventTimeInFuture,
                    $"event_time is more than {Options.MaxClockSkew} in the future (clock skew allowed).");
            else if (evt.Report.EventTime < oldest)
                rejected = Reject(index, evt, PinterestRejectionReason.EventTimeTooOld, $"event_time is older than {Options.MaxEventAge}.");

            outcomes.Add(rejected!); // replaced below for sent events
            if (rejected is not null) continue;
            if (sent.Count > 0) body.Write(","u8);
            body.Write(evt.Json.Span);
            sent.Add(i);
            hasOffline |= evt.Report.ActionSource == ActionSource.Offline;
        }
        if (sent.Count == 0) return;
        body.Write(s_close);

        if (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before this request: nothing was sent, so the events may be sent again later.
            foreach (var i in sent)
                outcomes[first + i] = Outcome(baseIndex + i, events[i], PinterestEventStatus.Failed, "The send was cancelled before this request was made.", null, null);
            requests.Add(new PinterestRequestResult(sent.Count, null, null, null, "Cancelled before sending.", hasOffline, 0, TimeSpan.Zero));
            return;
        }

        var state = new PinterestSendAttemptState(sent.Count, hasOffline);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? requestId = null;
        PinterestErrorBody? answer = null;
        var failure = PinterestTransportFailure.None;
        string? failureText = null;
        Exception? failureException = null;
        var cancelledInFlight = false; // or otherwise surely received without a readable answer

        using (var request = new HttpRequestMessage(HttpMethod.Post, EventsUri(account)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
            var content = new ReadOnlyMemoryContent(body.WrittenMemory);
            content.Headers.ContentType = s_json;
            request.Content = content;
            request.Options.Set(PinterestRetryRules.StateKey, state);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                if (response.Headers.TryGetValues(RequestIdHeader, out var ids)) requestId = ids.FirstOrDefault();
                answer = await ReadAnswerAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled in flight: Pinterest may have the request. Reported, not thrown, so no event is left without an outcome.
                status = null;
                failure = PinterestTransportFailure.TimedOut;
                failureText = "The send was cancelled while the request was in flight.";
                cancelledInFlight = true;
            }
            catch (Exception ex) when (status is null || ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // No response, or the body was cut off: either way the answer is missing.
                cancelledInFlight |= status is not null; // a response had begun: the request was surely received
                status = null;
                failureException = ex;
                failure = PinterestRetryRules.Classify(ex);
                failureText = Describe(ex, failure);
            }
        }
        var duration = Stopwatch.GetElapsedTime(started);

        // A retrying handler records every attempt, classifying its own exceptions (a circuit breaker's refusal is
        // "not sent"); without one, the client records its single attempt here.
        if (state.Attempts == 0) state.RecordAttempt(status, failure);
        else if (status is null)
        {
            failure = state.LastFailure;
            if (failureException is not null) failureText = Describe(failureException, failure);
        }
        var events2 = answer?.Code is null ? answer?.Events : answer.Details?.Events;
        if (status is 200 or 422 && events2 is not null)
        {
            for (var k = 0; k < sent.Count; k++)
            {
                var i = sent[k];
                var evt = events[i];
                var result = k < events2.Count ? events2[k] : null;
                outcomes[first + i] = result?.Status switch
                {
                    "processed" => Outcome(baseIndex + i, evt, PinterestEventStatus.Processed, null, NullIfEmpty(result.WarningMessage), requestId),
                    "failed" => Outcome(baseIndex + i, evt, PinterestEventStatus.Failed, NullIfEmpty(result.ErrorMessage) ?? "Pinterest reported the event as failed.",
                        NullIfEmpty(result.WarningMessage), requestId),
                    _ => Outcome(baseIndex + i, evt, PinterestEventStatus.Unknown, "Pinterest's answer has no status for this event.", null, requestId),
                };
            }
        }
        else
        {
            // The whole request failed. It may still have been processed when an attempt ended that way.
            var maybe = state.MayHaveBeenProcessed || cancelledInFlight || status is >= 200 and < 300;
            var message = failureText ?? DescribeStatus(status, answer);
            if (maybe) message += $" The request may have been processed; it was not {(state.HasOfflineEvents ? "retried because the batch holds offline events, which Pinterest never deduplicates" : "confirmed")}.";
            var eventStatus = maybe ? PinterestEventStatus.Unknown : PinterestEventStatus.Failed;
            foreach (var i in sent)
                outcomes[first + i] = Outcome(baseIndex + i, events[i], eventStatus, message, null, requestId);
        }

        requests.Add(new PinterestRequestResult(sent.Count, status, requestId, answer?.Code, answer?.Code is null ? failureText : answer.Message,
            hasOffline, Math.Max(1, state.Attempts), duration));
    }

    private PinterestEventReport WriteOne<T>(T evt, PooledBufferWriter destination) where T : IPinterestEvent?
    {
        var writer = Serialization.PinterestJsonWriterCache.Rent(destination);
        try
        {
            var report = evt!.WriteTo(writer, _writeContext);
            writer.Flush();
            return report;
        }
        finally
        {
            Serialization.PinterestJsonWriterCache.Return(writer);
        }
    }

    private Uri EventsUri(PinterestAccount account) =>
        new(Options.BaseAddress, "ad_accounts/" + account.AdAccountId + "/events" + (Options.Test ? "?test=true" : ""));

    private static async Task<PinterestErrorBody?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                // Drain a proxy's HTML page so the body's end is observed, then ignore it.
                await stream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
                return null;
            }
            try
            {
                return await JsonSerializer.DeserializeAsync(stream, PinterestResponseJsonContext.Default.PinterestErrorBody, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    private static string DescribeStatus(int? status, PinterestErrorBody? answer)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"Pinterest answered HTTP {status}");
        if (answer?.Code is { } code) text += string.Create(CultureInfo.InvariantCulture, $", code {code}");
        if (!string.IsNullOrEmpty(answer?.Message)) text += ": " + answer!.Message;
        return text + ".";
    }

    private static string Describe(Exception ex, PinterestTransportFailure failure)
    {
        var detail = ex is HttpRequestException http ? $"{ex.GetType().Name} ({http.HttpRequestError})" : ex.GetType().Name;
        return failure switch
        {
            PinterestTransportFailure.NotSent => $"The request could not be sent: {detail}.",
            PinterestTransportFailure.TimedOut => $"The request timed out: {detail}.",
            _ => $"The connection was lost before Pinterest answered: {detail}.",
        };
    }

    private static PinterestEventOutcome Reject(int index, PinterestSerializedEvent evt, PinterestRejectionReason reason, string message) =>
        new(index, evt.EventName, evt.EventId, PinterestEventStatus.RejectedLocally, evt.Report, reason, message, null, null);

    private static PinterestEventOutcome Outcome(int index, PinterestSerializedEvent evt, PinterestEventStatus status, string? message, string? warning, string? requestId) =>
        new(index, evt.EventName, evt.EventId, status, evt.Report, PinterestRejectionReason.None, message, warning, requestId);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
#pragma warning restore RS0026
