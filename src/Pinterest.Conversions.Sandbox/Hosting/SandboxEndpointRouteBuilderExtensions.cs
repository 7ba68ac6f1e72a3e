using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Pinterest sandbox's endpoints into an application.</summary>
public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /v5/ad_accounts/{ad_account_id}/events</c>, <c>POST /sandbox/tag</c>, <c>GET /sandbox</c> (dashboard),
    /// <c>GET /sandbox/report</c>, <c>POST /sandbox/reset</c> and <c>GET|POST|DELETE /sandbox/faults</c> under
    /// <paramref name="prefix"/> (none by default). Needs <c>services.AddPinterestSandbox()</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapPinterestSandbox(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(prefix);
        var sandbox = endpoints.ServiceProvider.GetService<SandboxState>()
            ?? throw new InvalidOperationException("Call services.AddPinterestSandbox() before MapPinterestSandbox().");

        var group = endpoints.MapGroup(prefix);
        group.MapPost(EventsEndpoint.Pattern, http => EventsEndpoint.Handle(http, sandbox));
        group.MapPost(TagEndpoint.Pattern, http => TagEndpoint.Handle(http, sandbox));
        group.MapGet(AdminEndpoints.Dashboard, http => AdminEndpoints.GetDashboard(http, sandbox));
        group.MapGet(AdminEndpoints.Report, http => AdminEndpoints.GetReport(http, sandbox));
        group.MapPost(AdminEndpoints.Reset, http => AdminEndpoints.PostReset(http, sandbox));
        group.MapGet(AdminEndpoints.Faults, http => AdminEndpoints.GetFaults(http, sandbox));
        group.MapPost(AdminEndpoints.Faults, http => AdminEndpoints.PostFaults(http, sandbox));
        group.MapDelete(AdminEndpoints.Faults, http => AdminEndpoints.DeleteFaults(http, sandbox));
        return group;
    }
}
