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
// RS0026: SendAsync with and without an account, each with an optional token, is shipped public API that callers build against.
#pragma warning disable RS0026
public sealed class PinterestConversionsClient
{
    /// <summary>The most events one request may hold (the spec's <c>maxItems</c>).</summary>
    public const int MaxEventsPerRequest = PinterestSchema.MaxEventsPerRequest;

    private const string RequestIdHeader = "x-pinterest-rid";
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
            DefaultPartnerName = options.DefaultPartnerName,
            WriteContext = options.WriteContext ?? new PinterestWriteContext(options.TimeProvider) { DefaultPartnerName = options.DefaultPartnerName },
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

    // One chunk of at most 1000 events, in three steps: local rejections, one request of the rest (split in halves while
    // Pinterest answers 400 or 413 for the whole), and one outcome per event from the attempt's verdict.
    private async Task SendChunkAsync(
        PinterestAccount account, ArraySegment<PinterestSerializedEvent> events, int baseIndex,
        List<PinterestEventOutcome> outcomes, List<PinterestRequestResult> requests, CancellationToken cancellationToken)
    {
        var first = outcomes.Count;
        var now = Options.TimeProvider.GetUtcNow();
        var toSend = new List<int>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var evt = events[i];
            var reason = evt.EventName is null ? PinterestRejectionReason.NullEvent : CheckLocally(evt.Report, now, Options.MaxClockSkew, Options.MaxEventAge);
            if (reason == PinterestRejectionReason.None && evt.Json.IsEmpty) reason = PinterestRejectionReason.Unsendable;
            outcomes.Add(reason == PinterestRejectionReason.None ? null! : Reject(baseIndex + i, evt, reason)); // sent ones are replaced below
            if (reason == PinterestRejectionReason.None) toSend.Add(i);
        }
        if (toSend.Count > 0) await SendIndicesAsync(account, events, toSend, baseIndex, first, outcomes, requests, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendIndicesAsync(
        PinterestAccount account, ArraySegment<PinterestSerializedEvent> events, List<int> indices, int baseIndex, int first,
        List<PinterestEventOutcome> outcomes, List<PinterestRequestResult> requests, CancellationToken cancellationToken)
    {
        var hasOffline = false;
        foreach (var i in indices) hasOffline |= events[i].Report.ActionSource == ActionSource.Offline;
        if (cancellationToken.IsCancellationRequested)
        {
            // Cancelled before this request: nothing was sent, so the events may be sent again later.
            foreach (var i in indices)
                outcomes[first + i] = Outcome(baseIndex + i, events[i], PinterestEventStatus.Failed, "The send was cancelled before this request was made.", null, null);
            requests.Add(new PinterestRequestResult(indices.Count, null, null, null, "Cancelled before sending.", hasOffline, 0, TimeSpan.Zero));
            return;
        }

        PinterestAttemptResult attempt;
        using (var body = new PooledBufferWriter(16 * 1024))
        {
            PinterestRequestBody.Write(body, indices.Count, k => events[indices[k]].Json.Span);
            attempt = await SendBodyAsync(account, body.WrittenMemory, indices.Count, hasOffline, retriesAllowed: true, cancellationToken).ConfigureAwait(false);
        }
        requests.Add(new PinterestRequestResult(attempt.EventCount, attempt.StatusCode, attempt.RequestId, attempt.ErrorCode, attempt.Message,
            hasOffline, Math.Max(1, attempt.Attempts), attempt.Duration));

        if (attempt.Verdict == PinterestRequestVerdict.Split)
        {
            // Nothing was processed: the halves go again, until the event Pinterest refuses stands alone.
            var half = indices.Count / 2;
            await SendIndicesAsync(account, events, indices.GetRange(0, half), baseIndex, first, outcomes, requests, cancellationToken).ConfigureAwait(false);
            await SendIndicesAsync(account, events, indices.GetRange(half, indices.Count - half), baseIndex, first, outcomes, requests, cancellationToken).ConfigureAwait(false);
            return;
        }
        for (var k = 0; k < indices.Count; k++)
        {
            var i = indices[k];
            outcomes[first + i] = ToOutcome(attempt, k, baseIndex + i, events[i]);
        }
    }

    /// <summary>
    /// Sends one request of events written earlier (each a JSON object from <see cref="IPinterestEvent.WriteTo"/>) and
    /// reports how it ended, for senders that keep their own store and apply <see cref="PinterestRetryRules"/> themselves:
    /// no local checks, no splitting, and retrying handlers of the <see cref="HttpClient"/> make one attempt only.
    /// Never throws for an HTTP or network failure; cancellation before sending ends it as not sent, in flight as timed out.
    /// </summary>
    public async Task<PinterestAttemptResult> SendRequestAsync(
        PinterestAccount account, IReadOnlyList<ReadOnlyMemory<byte>> events, bool hasOfflineEvents, CancellationToken cancellationToken = default)
    {
        if (account is null) throw new ArgumentNullException(nameof(account));
        if (events is null) throw new ArgumentNullException(nameof(events));
        if (events.Count is 0 or > MaxEventsPerRequest)
            throw new ArgumentOutOfRangeException(nameof(events), events.Count, $"A request holds 1 to {MaxEventsPerRequest} events.");
        using var body = new PooledBufferWriter(16 * 1024);
        PinterestRequestBody.Write(body, events.Count, k => events[k].Span);
        return await SendBodyAsync(account, body.WrittenMemory, events.Count, hasOfflineEvents, retriesAllowed: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The local rejection rules, for queues that check at enqueue too: an unsendable report, an event_time later than
    /// <paramref name="now"/> plus <paramref name="maxClockSkew"/>, or older than <paramref name="maxEventAge"/>.
    /// </summary>
    public static PinterestRejectionReason CheckLocally(in PinterestEventReport report, DateTimeOffset now, TimeSpan maxClockSkew, TimeSpan maxEventAge)
    {
        if (!report.IsWritten) return PinterestRejectionReason.Unsendable;
        var seconds = now.ToUnixTimeSeconds();
        if (report.EventTime > seconds + (long)maxClockSkew.TotalSeconds) return PinterestRejectionReason.EventTimeInFuture;
        if (report.EventTime < seconds - (long)maxEventAge.TotalSeconds) return PinterestRejectionReason.EventTimeTooOld;
        return PinterestRejectionReason.None;
    }

    // One HTTP request (through the HttpClient's handlers, which may retry when allowed), never throwing for HTTP or
    // network failures: the answer, the failure and the verdict come back in the result.
    private async Task<PinterestAttemptResult> SendBodyAsync(
        PinterestAccount account, ReadOnlyMemory<byte> body, int eventCount, bool hasOffline, bool retriesAllowed, CancellationToken cancellationToken)
    {
        // The request's span is the parent of the HttpClient's spans of its attempts; disposing it ends it on any path.
        using var activity = PinterestTracing.StartSend(account, eventCount, hasOffline);
        var attempt = await SendBodyUntracedAsync(account, body, eventCount, hasOffline, retriesAllowed, cancellationToken).ConfigureAwait(false);
        PinterestTracing.Record(activity, attempt);
        return attempt;
    }

    private async Task<PinterestAttemptResult> SendBodyUntracedAsync(
        PinterestAccount account, ReadOnlyMemory<byte> body, int eventCount, bool hasOffline, bool retriesAllowed, CancellationToken cancellationToken)
    {
        var state = new PinterestSendAttemptState(eventCount, hasOffline, retriesAllowed);
        if (cancellationToken.IsCancellationRequested)
        {
            return new PinterestAttemptResult(eventCount, hasOffline, null, PinterestTransportFailure.NotSent, false, null, null, null,
                "The send was cancelled before the request was made.", [], 0, TimeSpan.Zero);
        }

        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? requestId = null;
        TimeSpan? retryAfter = null;
        PinterestErrorBody? answer = null;
        var failure = PinterestTransportFailure.None;
        string? failureText = null;
        Exception? failureException = null;
        var responseBegun = false;

        using (var request = new HttpRequestMessage(HttpMethod.Post, EventsUri(account)))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = s_json;
            request.Content = content;
            request.Options.Set(PinterestRetryRules.StateKey, state);
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                status = (int)response.StatusCode;
                responseBegun = true;
                if (response.Headers.TryGetValues(RequestIdHeader, out var ids)) requestId = ids.FirstOrDefault();
                if (status is 429 or 503) retryAfter = PinterestRetryRules.GetRetryAfter(response, Options.TimeProvider.GetUtcNow());
                answer = await ReadAnswerAsync(response, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Cancelled in flight: Pinterest may have the request.
                status = null;
                failure = PinterestTransportFailure.TimedOut;
                failureText = "The send was cancelled while the request was in flight.";
            }
            catch (Exception ex) when (status is null || ex is HttpRequestException or IOException or OperationCanceledException)
            {
                // No response, or the body was cut off after a response had begun (then surely received): the answer is missing.
                failure = responseBegun ? PinterestTransportFailure.LostAfterSending : PinterestRetryRules.Classify(ex);
                status = null;
                failureException = ex;
                failureText = Describe(ex, failure);
            }
        }
        var duration = Stopwatch.GetElapsedTime(started);

        // A retrying handler records every attempt, classifying its own exceptions (a circuit breaker's refusal is
        // "not sent"); without one, the client records its single attempt here.
        if (state.Attempts == 0) state.RecordAttempt(status, failure);
        else if (status is null && !responseBegun && failure != PinterestTransportFailure.TimedOut)
        {
            failure = state.LastFailure;
            if (failureException is not null) failureText = Describe(failureException, failure);
        }

        var results = answer?.Code is null ? answer?.Events : answer.Details?.Events;
        var answers = status is 200 or 422 && results is not null
            ? results.Select(r => new PinterestEventAnswer(r?.Status, NullIfEmpty(r?.ErrorMessage), NullIfEmpty(r?.WarningMessage))).ToArray()
            : [];
        var message = failureText ?? (answer?.Code is not null || status is not (200 or 422) ? DescribeStatus(status, answer) : null);
        return new PinterestAttemptResult(eventCount, hasOffline, status, failure, state.MayHaveBeenProcessed, retryAfter, requestId,
            answer?.Code, message, answers, Math.Max(1, state.Attempts), duration);
    }

    // One event's outcome from the attempt that carried it (at position k of the request).
    private static PinterestEventOutcome ToOutcome(PinterestAttemptResult attempt, int k, int index, PinterestSerializedEvent evt)
    {
        if (attempt.Verdict == PinterestRequestVerdict.Answered)
        {
            var answer = attempt.Events[k];
            return answer.Status switch
            {
                "processed" => Outcome(index, evt, PinterestEventStatus.Processed, null, answer.WarningMessage, attempt.RequestId),
                "failed" => Outcome(index, evt, PinterestEventStatus.Failed, answer.ErrorMessage ?? "Pinterest reported the event as failed.",
                    answer.WarningMessage, attempt.RequestId),
                _ => Outcome(index, evt, PinterestEventStatus.Unknown, "Pinterest's answer has no status for this event.", null, attempt.RequestId),
            };
        }
        // The whole request failed. It may still have been processed when an attempt ended that way.
        var message = attempt.Message ?? DescribeStatus(attempt.StatusCode, null);
        if (attempt.MayHaveBeenProcessed)
        {
            message += $" The request may have been processed; it was not {(attempt.HasOfflineEvents ? "retried because the batch holds offline events, which Pinterest never deduplicates" : "confirmed")}.";
            return Outcome(index, evt, PinterestEventStatus.Unknown, message, null, attempt.RequestId);
        }
        return Outcome(index, evt, PinterestEventStatus.Failed, message, null, attempt.RequestId);
    }

    private PinterestEventReport WriteOne<T>(T evt, PooledBufferWriter destination) where T : IPinterestEvent? =>
        Serialization.PinterestEventWriter.Write(in evt!, destination, _writeContext);

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
        if (!string.IsNullOrEmpty(answer?.Message)) text += ": " + answer!.Message.TrimEnd();
        return text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";
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

    // A name chosen at run time that breaks Pinterest's rule is the caller's text, not a name: outcomes (and their
    // ToString, which apps log) do not repeat it.
    private PinterestEventOutcome Reject(int index, PinterestSerializedEvent evt, PinterestRejectionReason reason) =>
        new(index, PinterestEventNames.ForDisplay(evt.EventName), evt.EventId, PinterestEventStatus.RejectedLocally, evt.Report, reason, reason switch
        {
            PinterestRejectionReason.NullEvent => "The event is null.",
            PinterestRejectionReason.EventTimeInFuture => $"event_time is more than {Options.MaxClockSkew} in the future (clock skew allowed).",
            PinterestRejectionReason.EventTimeTooOld => $"event_time is older than {Options.MaxEventAge}.",
            _ => $"The event cannot be sent: {evt.Report.UnsendableReason}.",
        }, null, null);

    private static PinterestEventOutcome Outcome(int index, PinterestSerializedEvent evt, PinterestEventStatus status, string? message, string? warning, string? requestId) =>
        new(index, evt.EventName, evt.EventId, status, evt.Report, PinterestRejectionReason.None, message, warning, requestId);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
#pragma warning restore RS0026
