using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Pinterest sandbox's endpoints into an application.</summary>
public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /v5/ad_accounts/{ad_account_id}/events</c>, <c>POST /sandbox/tag</c>, <c>GET /sandbox</c> (dashboard),
    /// <c>GET /sandbox/report</c>, <c>POST /sandbox/reset</c> and <c>GET|POST|DELETE /sandbox/faults</c> under
    /// <paramref name="prefix"/> (none by default). Needs <c>services.AddPinterestSandbox()</c>. Refused outside the
    /// Development environment unless <c>UnsafeAllowOutsideDevelopment</c> is set; reset and faults answer loopback
    /// callers only unless <c>AllowRemoteAdministration</c> is set.
    /// </summary>
    /// <exception cref="InvalidOperationException">The services are missing, or the environment is not Development.</exception>
    public static IEndpointConventionBuilder MapPinterestSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var sandbox = StateOf(endpoints);
        var environment = endpoints.ServiceProvider.GetService<IHostEnvironment>();
        if (environment is not null && !environment.IsDevelopment() && !sandbox.AllowOutsideDevelopment)
        {
            throw new InvalidOperationException(
                $"MapPinterestSandbox refused: the environment is '{environment.EnvironmentName}', not Development. Conversions sent to " +
                "the sandbox go to memory instead of Pinterest, and anyone who reaches the app can read its dashboard. Send to Pinterest " +
                "here, or set PinterestSandboxOptions.UnsafeAllowOutsideDevelopment = true to map it anyway.");
        }
        return MapRoutes(endpoints, sandbox, prefix);
    }

    /// <summary>The routes without the environment check: the standalone host and the in-process sandbox are sandboxes by choice.</summary>
    internal static IEndpointConventionBuilder MapSandboxRoutes(this IEndpointRouteBuilder endpoints, string prefix = "") =>
        MapRoutes(endpoints, StateOf(endpoints), prefix);

    private static SandboxState StateOf(IEndpointRouteBuilder endpoints) =>
        endpoints.ServiceProvider.GetService<SandboxState>()
            ?? throw new InvalidOperationException("Call services.AddPinterestSandbox() before MapPinterestSandbox().");

    private static IEndpointConventionBuilder MapRoutes(IEndpointRouteBuilder endpoints, SandboxState sandbox, string prefix)
    {
        var group = endpoints.MapGroup(prefix);
        group.MapPost(EventsEndpoint.Pattern, http => EventsEndpoint.Handle(http, sandbox));
        group.MapPost(TagEndpoint.Pattern, http => TagEndpoint.Handle(http, sandbox));
        group.MapGet(AdminEndpoints.Dashboard, http => AdminEndpoints.GetDashboard(http, sandbox));
        group.MapGet(AdminEndpoints.Report, http => AdminEndpoints.GetReport(http, sandbox));
        group.MapPost(AdminEndpoints.Reset, http => AdminEndpoints.Administer(http, sandbox, AdminEndpoints.PostReset));
        group.MapGet(AdminEndpoints.Faults, http => AdminEndpoints.Administer(http, sandbox, AdminEndpoints.GetFaults));
        group.MapPost(AdminEndpoints.Faults, http => AdminEndpoints.Administer(http, sandbox, AdminEndpoints.PostFaults));
        group.MapDelete(AdminEndpoints.Faults, http => AdminEndpoints.Administer(http, sandbox, AdminEndpoints.DeleteFaults));
        return group;
    }
}
