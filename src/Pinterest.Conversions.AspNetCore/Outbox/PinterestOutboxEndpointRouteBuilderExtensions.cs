using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Conversions.AspNetCore;
using Pinterest.Conversions.AspNetCore.Outbox;
using Pinterest.Conversions.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the outbox page: what waits, what is parked and why, with redrive and purge.</summary>
public static class PinterestOutboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> (the page: pending, in-flight and parked events per account, the oldest pending age,
    /// paused accounts, the parked list) and <c>POST {pattern}/redrive</c> and <c>POST {pattern}/purge</c> (forms with an
    /// antiforgery token), all behind <see cref="PinterestOutboxPageOptions.AuthorizationPolicy"/>. Needs
    /// <c>AddPinterestConversions</c> and <c>services.AddAntiforgery()</c>, and with a policy <c>AddAuthorization</c>.
    /// Without a policy the page is mapped in the Development environment only, for whoever reaches the app.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A service is missing, or no policy is named and the environment is not Development.
    /// </exception>
    public static IEndpointConventionBuilder MapPinterestOutbox(this IEndpointRouteBuilder endpoints, string pattern = "/pinterest/outbox",
        Action<PinterestOutboxPageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        var options = new PinterestOutboxPageOptions();
        configure?.Invoke(options);
        if (options.ParkedPageSize is < 1 or > PinterestOutboxPageOptions.MaxParkedPageSize)
            throw new ArgumentOutOfRangeException(nameof(configure), options.ParkedPageSize, $"ParkedPageSize must be 1 to {PinterestOutboxPageOptions.MaxParkedPageSize}.");
        options.Title ??= "Pinterest outbox";

        var services = endpoints.ServiceProvider;
        var known = services.GetService<IServiceProviderIsService>();
        if (known is not null && !known.IsService(typeof(IPinterestOutbox)))
            throw new InvalidOperationException("Call services.AddPinterestConversions() before MapPinterestOutbox(): the page shows its outbox.");
        if (known is not null && !known.IsService(typeof(IAntiforgery)))
            throw new InvalidOperationException("Call services.AddAntiforgery() before MapPinterestOutbox(): redrive and purge are forms with an antiforgery token.");

        var logger = services.GetService<ILoggerFactory>()?.CreateLogger(typeof(OutboxPageEndpoints).FullName!) ?? NullLogger.Instance;
        var policy = string.IsNullOrWhiteSpace(options.AuthorizationPolicy) ? null : options.AuthorizationPolicy;
        if (policy is null)
        {
            // Fail closed: an unknown environment is not Development.
            var environment = services.GetService<IHostEnvironment>();
            if (environment is null || !environment.IsDevelopment())
            {
                throw new InvalidOperationException(
                    $"MapPinterestOutbox refused: the environment is '{environment?.EnvironmentName ?? "unknown"}', not Development, and no " +
                    "authorization policy is named. The page lists parked events and can redrive or purge them, so only the people " +
                    "your policy admits may reach it: define one (services.AddAuthorizationBuilder().AddPolicy(\"PinterestOps\", p => " +
                    "p.RequireRole(\"ops\"))) and set it with MapPinterestOutbox(pattern, o => o.AuthorizationPolicy = \"PinterestOps\").");
            }
            OutboxPageLog.MappedWithoutPolicy(logger, pattern);
        }
        else if (known is not null && !known.IsService(typeof(IAuthorizationService)))
        {
            throw new InvalidOperationException($"Call services.AddAuthorization() (with the policy '{policy}') before MapPinterestOutbox().");
        }

        var page = new OutboxPageEndpoints(options, logger);
        var group = endpoints.MapGroup(pattern);
        group.MapGet("", page.GetAsync);
        group.MapPost(OutboxPageEndpoints.RedrivePath, page.RedriveAsync);
        group.MapPost(OutboxPageEndpoints.PurgePath, page.PurgeAsync);
        group.ExcludeFromDescription();
        if (policy is not null) group.RequireAuthorization(policy);
        return group;
    }
}
