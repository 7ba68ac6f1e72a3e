using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Sandbox;
using Pinterest.Conversions.Sandbox.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Pinterest sandbox in an application's services.</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sandbox's state (validated options, the <see cref="SandboxEventStore"/>, the fault plan); then map its
    /// endpoints with <c>MapPinterestSandbox</c>. Throws <see cref="ArgumentException"/> for invalid options.
    /// </summary>
    public static IServiceCollection AddPinterestSandbox(this IServiceCollection services, Action<PinterestSandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new PinterestSandboxOptions();
        configure?.Invoke(options);
        return services.AddPinterestSandbox(options);
    }

    /// <summary>Registers a sandbox over options the caller built (the in-process host's path).</summary>
    internal static IServiceCollection AddPinterestSandbox(this IServiceCollection services, PinterestSandboxOptions options)
    {
        options.Validate();
        services.TryAddSingleton(sp => new SandboxState(options, sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<SandboxState>().Store);
        return services;
    }
}
