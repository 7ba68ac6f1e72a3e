using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pinterest.Conversions.Sandbox.Faults;
using Pinterest.Conversions.Sandbox.Validation;

namespace Pinterest.Conversions.Sandbox.Hosting;

/// <summary>One sandbox's settings and state, shared by its endpoints: the options (validated by the caller), the store, the fault plan.</summary>
internal sealed class SandboxState
{
    public SandboxState(PinterestSandboxOptions options, ILoggerFactory? loggerFactory = null)
    {
        Time = options.TimeProvider;
        AccessToken = options.AccessToken;
        AdAccountId = options.AdAccountId;
        AdvertiserDefinedEvents = new HashSet<string>(options.AdvertiserDefinedEvents, StringComparer.Ordinal);
        FutureEventTimeTolerance = options.FutureEventTimeTolerance;
        MaxEventAge = options.MaxEventAge;
        AllowOutsideDevelopment = options.UnsafeAllowOutsideDevelopment;
        AllowRemoteAdministration = options.AllowRemoteAdministration;
        Store = new SandboxEventStore(Time, options.RecentEventCapacity);
        Faults = new FaultInjector(options.Faults);
        Logger = (ILogger?)loggerFactory?.CreateLogger<PinterestSandbox>() ?? NullLogger.Instance;
    }

    public TimeProvider Time { get; }
    public string? AccessToken { get; }
    public string? AdAccountId { get; }
    public IReadOnlySet<string> AdvertiserDefinedEvents { get; }
    public TimeSpan FutureEventTimeTolerance { get; }
    public TimeSpan? MaxEventAge { get; }
    public bool AllowOutsideDevelopment { get; }
    public bool AllowRemoteAdministration { get; }
    public SandboxEventStore Store { get; }
    public FaultInjector Faults { get; }
    public ILogger Logger { get; }

    /// <summary>The per-event rule settings as of now.</summary>
    public EventRuleSettings RuleSettings() =>
        new(Time.GetUtcNow(), FutureEventTimeTolerance, MaxEventAge, AdvertiserDefinedEvents);
}
