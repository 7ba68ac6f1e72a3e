using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pinterest.Conversions.Sandbox.Hosting;
using Pinterest.Conversions.Sandbox.Json;
using Pinterest.Conversions.Sandbox.Validation;

namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary><c>POST /sandbox/tag</c>: records one Pinterest Tag event, to be deduplicated against API events.</summary>
internal static class TagEndpoint
{
    public const string Pattern = "/sandbox/tag";

    public static async Task Handle(HttpContext http, SandboxState sandbox)
    {
        EventOutcome? outcome;
        string? error;
        var body = await RequestBody.ReadAsync(http.Request, RequestBody.MaxSmallRequestBytes, http.RequestAborted);
        if (body is null || !body.IsValidUtf8)
        {
            (outcome, error) = (null, body is null ? $"The body is larger than {RequestBody.MaxSmallRequestBytes} bytes." : "The body is not valid UTF-8.");
        }
        else
        {
            try
            {
                using var document = JsonDocument.Parse(body.Memory);
                outcome = TagEventRules.Read(document.RootElement, sandbox.RuleSettings(), out error);
            }
            catch (JsonException)
            {
                (outcome, error) = (null, "The body is not valid JSON.");
            }
        }

        if (outcome is null)
        {
            await JsonResponses.Write(http, body is null ? 413 : 400, new SandboxMessage { Message = error! }, SandboxJsonContext.Default.SandboxMessage);
            return;
        }

        var record = sandbox.Store.Record(SandboxEventStore.TagChannel, [outcome])[0];
        SandboxLog.TagEventRecorded(sandbox.Logger, outcome.EventName, record.Deduplicated);
        await JsonResponses.Write(http, 200, new TagEventResponse
        {
            Status = record.Status,
            Deduplicated = record.Deduplicated,
            DuplicateReceipt = record.DuplicateReceipt,
            Late = record.Late,
        }, SandboxJsonContext.Default.TagEventResponse);
    }
}
