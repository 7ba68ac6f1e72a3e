using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pinterest.Conversions.Sandbox.Dashboard;
using Pinterest.Conversions.Sandbox.Hosting;
using Pinterest.Conversions.Sandbox.Json;

namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary>The sandbox's own endpoints: dashboard, report, reset and the fault plan.</summary>
internal static class AdminEndpoints
{
    public const string Dashboard = "/sandbox";
    public const string Report = "/sandbox/report";
    public const string Reset = "/sandbox/reset";
    public const string Faults = "/sandbox/faults";

    /// <summary>
    /// Runs an admin route (reset, faults) for a loopback caller, or for anyone when remote administration is allowed;
    /// others get 403 and change nothing.
    /// </summary>
    public static Task Administer(HttpContext http, SandboxState sandbox, Func<HttpContext, SandboxState, Task> route)
    {
        if (sandbox.AllowRemoteAdministration || CallerAddress.IsLoopback(http.Connection.RemoteIpAddress)) return route(http, sandbox);
        SandboxLog.AdminRefused(sandbox.Logger, http.Request.Method, http.Request.Path.Value ?? "");
        return JsonResponses.Write(http, StatusCodes.Status403Forbidden, new SandboxMessage
        {
            Message = "The sandbox's admin routes answer loopback callers only; set AllowRemoteAdministration to open them.",
        }, SandboxJsonContext.Default.SandboxMessage);
    }

    public static async Task GetDashboard(HttpContext http, SandboxState sandbox)
    {
        var html = DashboardPage.Render(sandbox.Store.GetReport(), sandbox.Faults.Current());
        http.Response.ContentType = "text/html; charset=utf-8";
        // The page is self-contained: no script, no external asset, inline style only.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        await http.Response.WriteAsync(html, http.RequestAborted);
    }

    public static Task GetReport(HttpContext http, SandboxState sandbox) =>
        JsonResponses.Write(http, 200, sandbox.Store.GetReport(), SandboxJsonContext.Default.SandboxReport);

    public static Task PostReset(HttpContext http, SandboxState sandbox)
    {
        sandbox.Store.Reset();
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public static Task GetFaults(HttpContext http, SandboxState sandbox) =>
        JsonResponses.Write(http, 200, sandbox.Faults.Current(), SandboxJsonContext.Default.SandboxFaultPlan);

    public static async Task PostFaults(HttpContext http, SandboxState sandbox)
    {
        var body = await RequestBody.ReadAsync(http.Request, RequestBody.MaxSmallRequestBytes, http.RequestAborted);
        if (body is null || !body.IsValidUtf8)
        {
            await Reject(http, body is null ? $"The fault plan is larger than {RequestBody.MaxSmallRequestBytes} bytes." : "The fault plan is not valid UTF-8.");
            return;
        }
        SandboxFaultPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize(body.Memory.Span, SandboxJsonContext.Default.SandboxFaultPlan);
        }
        catch (JsonException e)
        {
            await Reject(http, "The fault plan is not valid: " + e.Message);
            return;
        }

        try
        {
            sandbox.Faults.Apply(plan ?? new SandboxFaultPlan());
        }
        catch (ArgumentException e)
        {
            await Reject(http, e.Message);
            return;
        }
        SandboxLog.FaultPlanReplaced(sandbox.Logger, plan?.Rules.Count ?? 0, plan?.Seed ?? 0);
        await GetFaults(http, sandbox);
    }

    public static Task DeleteFaults(HttpContext http, SandboxState sandbox)
    {
        sandbox.Faults.Apply(null);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static Task Reject(HttpContext http, string message) =>
        JsonResponses.Write(http, 400, new SandboxMessage { Message = message }, SandboxJsonContext.Default.SandboxMessage);
}
