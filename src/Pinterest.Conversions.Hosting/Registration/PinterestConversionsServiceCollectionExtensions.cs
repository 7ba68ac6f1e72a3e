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
using Pinterest.Conversions.Hosting.Delivery;
using Pinterest.Conversions.Hosting.Outbox;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pinterest.Conversions: options, the resilient typed client, the queue and its sender, the outbox view, metrics and the health report.</summary>
public static class PinterestConversionsServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient (and of its resilience pipeline).</summary>
    public const string HttpClientName = "Pinterest.Conversions";

    /// <summary>Adds Pinterest.Conversions with options bound from the section <c>Pinterest:Conversions</c> of <paramref name="configuration"/>.</summary>
    public static PinterestConversionsBuilder AddPinterestConversions(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration is null) throw new ArgumentNullException(nameof(configuration));
        return services.AddPinterestConversions(configuration.GetSection(PinterestConversionsOptions.SectionName), null);
    }

    /// <summary>Adds Pinterest.Conversions with options set by <paramref name="configure"/>.</summary>
    public static PinterestConversionsBuilder AddPinterestConversions(this IServiceCollection services, Action<PinterestConversionsOptions> configure)
    {
        if (configure is null) throw new ArgumentNullException(nameof(configure));
        return services.AddPinterestConversions(null, configure);
    }

    private static PinterestConversionsBuilder AddPinterestConversions(this IServiceCollection services, IConfiguration? section, Action<PinterestConversionsOptions>? configure)
    {
        if (services is null) throw new ArgumentNullException(nameof(services));
        var options = services.AddOptions<PinterestConversionsOptions>();
        if (section is not null) options.Bind(section);
        if (configure is not null) options.Configure(configure);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PinterestConversionsOptions>, PinterestConversionsOptionsValidator>());

        // A second call adds its configuration only: one queue, one sender, one resilience handler.
        if (services.Any(d => d.ServiceType == typeof(PinterestEventQueue))) return new PinterestConversionsBuilder(services.AddHttpClient(HttpClientName));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new PinterestMetrics(sp.GetService<IMeterFactory>()));
        services.TryAddSingleton(sp => new PinterestHealthMonitor(sp.GetRequiredService<IOptions<PinterestConversionsOptions>>().Value.TagEvents));
        services.TryAddSingleton<PinterestAccounts>();
        services.TryAddSingleton<IPinterestAccountResolver, ConfiguredAccountResolver>();
        // The in-memory store is the default; UseSqliteOutbox and UsePostgreSqlOutbox replace it.
        services.TryAddSingleton<IPinterestOutboxStore>(sp => new InMemoryOutboxStore(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new DeliveryEngine(
            sp.GetRequiredService<IPinterestOutboxStore>(),
            sp.GetRequiredService<IOptions<PinterestConversionsOptions>>(),
            sp.GetRequiredService<IPinterestAccountResolver>(),
            () => sp.GetRequiredService<PinterestConversionsClient>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<PinterestMetrics>(),
            sp.GetRequiredService<PinterestHealthMonitor>(),
            sp.GetServices<IPinterestSendObserver>(),
            sp.GetRequiredService<ILogger<DeliveryEngine>>()));
        services.TryAddSingleton<PinterestEventQueue>();
        services.TryAddSingleton<IPinterestEventQueue>(sp => sp.GetRequiredService<PinterestEventQueue>());
        services.TryAddSingleton<IPinterestOutbox, PinterestOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<DeliveryEngine>());

        var client = services.AddHttpClient(HttpClientName).AddTypedClient<PinterestConversionsClient>(CreateClient);
        client.ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan); // the pipeline's total timeout rules
        client.RedactLoggedHeaders(_ => true); // the Authorization header never reaches a log
        client.AddResilienceHandler(HttpClientName, ConfigurePipeline);
        return new PinterestConversionsBuilder(client);
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
            // Retry-After is honoured up to MaxDelay; a longer one ends the request as not processed at once (one huge
            // header must not hold a request for the whole total timeout and end it as "connection lost").
            ShouldRetryAfterHeader = false,
            DelayGenerator = args => new ValueTask<TimeSpan?>(PinterestResiliencePolicy.RetryAfter(args.Outcome)),
            ShouldHandle = args => new ValueTask<bool>(retry.MaxRetries > 0 && PinterestResiliencePolicy.ShouldRetry(args.Outcome, args.Context)
                && !PinterestResiliencePolicy.AsksTooLongAWait(args.Outcome, retry.MaxDelay)),
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
            // The outbox's sender keeps a breaker per ad account; its single attempts do not count here.
            ShouldHandle = args => new ValueTask<bool>(PinterestResiliencePolicy.StateOf(args.Context)?.RetriesAllowed != false
                && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
            FailureRatio = retry.CircuitBreakerFailureRatio,
            MinimumThroughput = retry.CircuitBreakerMinimumThroughput,
            SamplingDuration = retry.CircuitBreakerSamplingDuration,
            BreakDuration = retry.CircuitBreakerBreakDuration,
        });
        builder.AddTimeout(retry.AttemptTimeout);
    }
}
