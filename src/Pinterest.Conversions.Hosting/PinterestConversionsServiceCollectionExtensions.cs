using System.Diagnostics.Metrics;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pinterest.Conversions;
using Pinterest.Conversions.Hosting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pinterest.Conversions: options, the resilient typed client, the queue, metrics and the health report.</summary>
public static class PinterestConversionsServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient (and of its resilience pipeline).</summary>
    public const string HttpClientName = "Pinterest.Conversions";

    /// <summary>Adds Pinterest.Conversions with options bound from the section <c>Pinterest:Conversions</c> of <paramref name="configuration"/>.</summary>
    public static IHttpClientBuilder AddPinterestConversions(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        return services.AddPinterestConversions(configuration.GetSection(PinterestConversionsOptions.SectionName), null);
    }

    /// <summary>Adds Pinterest.Conversions with options set by <paramref name="configure"/>.</summary>
    public static IHttpClientBuilder AddPinterestConversions(this IServiceCollection services, Action<PinterestConversionsOptions> configure)
    {
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        return services.AddPinterestConversions(null, configure);
    }

    private static IHttpClientBuilder AddPinterestConversions(this IServiceCollection services, IConfiguration? section, Action<PinterestConversionsOptions>? configure)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        var options = services.AddOptions<PinterestConversionsOptions>();
        if (section is not null) options.Bind(section);
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PinterestConversionsOptions>, PinterestConversionsOptionsValidator>());

        // A second call adds its configuration only: one queue, one sender, one resilience handler.
        if (services.Any(d => d.ServiceType == typeof(PinterestEventQueue))) return services.AddHttpClient(HttpClientName);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PinterestMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new PinterestHealthMonitor(sp.GetRequiredService<IOptions<PinterestConversionsOptions>>().Value.TagEvents));
        services.TryAddSingleton<PinterestAccounts>();
        services.TryAddSingleton(sp => new PinterestEventQueue(
            sp.GetRequiredService<IOptions<PinterestConversionsOptions>>(),
            () => sp.GetRequiredService<PinterestConversionsClient>(),
            sp.GetRequiredService<PinterestMetrics>(),
            sp.GetRequiredService<PinterestHealthMonitor>(),
            sp.GetServices<IPinterestSendObserver>(),
            sp.GetRequiredService<ILogger<PinterestEventQueue>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IPinterestEventQueue>(sp => sp.GetRequiredService<PinterestEventQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<PinterestEventQueue>());

        var client = services.AddHttpClient(HttpClientName).AddTypedClient<PinterestConversionsClient>(CreateClient);
        client.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan); // the pipeline's total timeout rules
        client.RedactLoggedHeaders(_ => true); // the Authorization header never reaches a log
        client.AddResilienceHandler(HttpClientName, ConfigurePipeline);
        return client;
    }

    private static PinterestConversionsClient CreateClient(HttpClient http, IServiceProvider sp)
    {
        var o = sp.GetRequiredService<IOptions<PinterestConversionsOptions>>().Value;
        return new PinterestConversionsClient(http, o.ToClientOptions(sp.GetRequiredService<TimeProvider>()));
    }

    private static void ConfigurePipeline(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var sp = context.ServiceProvider;
        var retry = sp.GetRequiredService<IOptions<PinterestConversionsOptions>>().Value.Retry;
        var metrics = sp.GetRequiredService<PinterestMetrics>();
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Pinterest.Conversions.Hosting.Resilience");

        builder.AddTimeout(retry.TotalTimeout);
        builder.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, retry.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = retry.BaseDelay,
            MaxDelay = retry.MaxDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => new ValueTask<bool>(retry.MaxRetries > 0 && PinterestResiliencePolicy.ShouldRetry(args.Outcome, args.Context)),
            OnRetry = args =>
            {
                var events = PinterestResiliencePolicy.StateOf(args.Context)?.EventCount ?? 0;
                metrics.Retried.Add(events);
                PinterestLog.Retrying(logger, events, PinterestResiliencePolicy.Describe(args.Outcome), args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds);
                return default;
            },
        });
        builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            FailureRatio = retry.CircuitBreakerFailureRatio,
            MinimumThroughput = retry.CircuitBreakerMinimumThroughput,
            SamplingDuration = retry.CircuitBreakerSamplingDuration,
            BreakDuration = retry.CircuitBreakerBreakDuration,
        });
        builder.AddTimeout(retry.AttemptTimeout);
    }
}
