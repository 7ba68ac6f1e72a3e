using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pinterest.Conversions.Sandbox.Faults;
using Pinterest.Conversions.Sandbox.Hosting;
using Pinterest.Conversions.Sandbox.Json;
using Pinterest.Conversions.Sandbox.Validation;

namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary>
/// <c>POST /v5/ad_accounts/{ad_account_id}/events</c>: faults first (they stand for the network and Pinterest's front
/// door), then authentication, the path and query, the request schema, the per-event rules, recording, the answer.
/// </summary>
internal static class EventsEndpoint
{
    public const string Pattern = "/v5/ad_accounts/{ad_account_id}/events";

    /// <summary>The request header Pinterest answers with its request id (docs/pinterest-api.md §1).</summary>
    public const string RequestIdHeader = "x-pinterest-rid";

    /// <summary>How many schema violations a 400 message lists before "and N more".</summary>
    private const int MaxListedErrors = 3;

    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 64 };

    public static async Task Handle(HttpContext http, SandboxState sandbox)
    {
        var requestId = Guid.NewGuid().ToString("N")[..16];
        http.Response.Headers[RequestIdHeader] = requestId;
        var test = ParseTest(http.Request.Query["test"]);

        var fault = sandbox.Faults.Next();
        if (fault.Kind is { } kind)
            SandboxLog.FaultInjected(sandbox.Logger, requestId, kind.ToString(), fault.Status, fault.DelayMilliseconds);
        if (fault.DelayMilliseconds > 0)
        {
            try { await Task.Delay(fault.DelayMilliseconds, http.RequestAborted); }
            catch (OperationCanceledException) { return; } // The client gave up; nothing to answer.
        }
        if (fault.Kind == SandboxFaultKind.Status)
        {
            sandbox.Store.CountRequest(Status(fault.Status), test == true, faulted: true);
            await WriteFault(http, fault);
            return;
        }
        if (fault.Kind == SandboxFaultKind.ResetBefore)
        {
            sandbox.Store.CountRequest("reset", test == true, faulted: true);
            http.Abort();
            return;
        }

        var reply = await Answer(http, sandbox, requestId, test);
        if (fault.Kind == SandboxFaultKind.ResetAfter)
        {
            // Recorded already: the client sees a reset although Pinterest kept the events (the case retries must handle).
            sandbox.Store.CountRequest("reset", test == true, faulted: true);
            http.Abort();
            return;
        }

        sandbox.Store.CountRequest(Status(reply.Status), test == true, faulted: false);
        if (reply.Events is { } events)
            SandboxLog.EventsAnswered(sandbox.Logger, requestId, reply.Status, events.NumEventsReceived, events.NumEventsProcessed, test == true);
        await reply.Write(http);
    }

    /// <summary>An answer decided but not yet written: a reset after processing must not write it.</summary>
    private sealed record Reply(int Status, Func<HttpContext, Task> Write, ConversionApiResponse? Events = null);

    private static async Task<Reply> Answer(
        HttpContext http, SandboxState sandbox, string requestId, bool? test)
    {
        var auth = BearerAuth.Check(http.Request.Headers.Authorization, sandbox.AccessToken);
        if (auth != AuthResult.Ok)
        {
            SandboxLog.AuthenticationFailed(sandbox.Logger, requestId, auth.ToString());
            return Error(StatusCodes.Status401Unauthorized, PinterestErrors.AuthenticationFailed);
        }

        var adAccountId = http.Request.RouteValues["ad_account_id"] as string;
        if (!AdAccountIds.IsValid(adAccountId))
            return Invalid(sandbox, requestId, $"'ad_account_id' must be 1 to {AdAccountIds.MaxLength} digits.");
        if (sandbox.AdAccountId is { } only && !string.Equals(only, adAccountId, StringComparison.Ordinal))
            return Error(StatusCodes.Status403Forbidden, PinterestErrors.Forbidden);
        if (test is null)
            return Invalid(sandbox, requestId, "'test' must be true or false.");
        if (!IsJson(http.Request.ContentType))
            return Invalid(sandbox, requestId, "The body must be application/json.");

        var body = await RequestBody.ReadAsync(http.Request, RequestBody.MaxEventsRequestBytes, http.RequestAborted);
        if (body is null)
        {
            SandboxLog.RequestRejected(sandbox.Logger, requestId, 413, "body too large");
            return Error(StatusCodes.Status413PayloadTooLarge, PinterestErrors.TooLarge(RequestBody.MaxEventsRequestBytes));
        }
        if (!body.IsValidUtf8)
            return Invalid(sandbox, requestId, "The body is not valid UTF-8.");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Memory, s_documentOptions);
        }
        catch (JsonException)
        {
            return Invalid(sandbox, requestId, "The body is not valid JSON.");
        }

        using (document)
        {
            var errors = SchemaValidator.Validate(RequestSchema.Root, document.RootElement);
            if (errors.Count > 0)
                return Invalid(sandbox, requestId, Describe(errors));

            var settings = sandbox.RuleSettings();
            var outcomes = document.RootElement.GetProperty("data").EnumerateArray()
                .Select(e => EventRules.Evaluate(e, settings))
                .ToArray();
            if (test == false)
                sandbox.Store.Record(SandboxEventStore.ApiChannel, outcomes);

            // Any failed event makes the whole answer a 422 whose details list every event (docs/pinterest-api.md §3.2, §7.13).
            var response = ToResponse(outcomes);
            return response.NumEventsProcessed == response.NumEventsReceived
                ? new Reply(200, h => JsonResponses.Write(h, 200, response, SandboxJsonContext.Default.ConversionApiResponse), response)
                : new Reply(422, h => JsonResponses.Write(h, 422, PinterestErrors.NotAllProcessed(response), SandboxJsonContext.Default.PinterestDetailedError), response);
        }
    }

    /// <summary>The ConversionApiResponse for the events, in request order (docs/pinterest-api.md §3.1).</summary>
    internal static ConversionApiResponse ToResponse(IReadOnlyList<EventOutcome> outcomes) => new()
    {
        NumEventsReceived = outcomes.Count,
        NumEventsProcessed = outcomes.Count(o => !o.Failed),
        Events = outcomes.Select(o => new ConversionEventResult
        {
            Status = o.Failed ? "failed" : "processed",
            ErrorMessage = o.Error ?? "",
            WarningMessage = o.Warning ?? "",
        }).ToArray(),
    };

    /// <summary>The first few violations, then how many more: what a developer needs to find the field.</summary>
    internal static string Describe(IReadOnlyList<SchemaError> errors)
    {
        var listed = string.Join("; ", errors.Take(MaxListedErrors).Select(e => e.Message));
        return errors.Count > MaxListedErrors ? $"{listed}; and {errors.Count - MaxListedErrors} more." : listed + ".";
    }

    /// <summary><c>?test=true</c> or <c>false</c> in any case; absent is false; anything else is null (invalid).</summary>
    internal static bool? ParseTest(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 ? false
        : values.Count == 1 && bool.TryParse(values[0], out var test) ? test
        : null;

    /// <summary>A JSON media type, or none (then the body is tried as JSON).</summary>
    internal static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType)) return true;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType is not { } type) return false;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private static Reply Invalid(SandboxState sandbox, string requestId, string detail)
    {
        SandboxLog.RequestRejected(sandbox.Logger, requestId, 400, detail);
        return Error(StatusCodes.Status400BadRequest, PinterestErrors.Invalid(detail));
    }

    private static Reply Error(int status, PinterestError error) =>
        new(status, h => JsonResponses.Write(h, status, error, SandboxJsonContext.Default.PinterestError));

    private static Task WriteFault(HttpContext http, FaultDecision fault)
    {
        if (fault.RetryAfterSeconds is { } seconds)
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        switch (fault.Status)
        {
            case 429: return JsonResponses.Write(http, 429, PinterestErrors.RateLimited, SandboxJsonContext.Default.PinterestError);
            case 503: return JsonResponses.Write(http, 503, PinterestErrors.RampedDown, SandboxJsonContext.Default.PinterestError);
            case 500: return JsonResponses.Write(http, 500, PinterestErrors.Unexpected, SandboxJsonContext.Default.PinterestError);
            default:
                // 502 and 504 come from a proxy in front of the API: not JSON.
                http.Response.StatusCode = fault.Status;
                http.Response.ContentType = "text/html";
                return http.Response.WriteAsync($"<html><body><h1>{fault.Status}</h1></body></html>", http.RequestAborted);
        }
    }

    private static string Status(int status) => status.ToString(CultureInfo.InvariantCulture);
}
