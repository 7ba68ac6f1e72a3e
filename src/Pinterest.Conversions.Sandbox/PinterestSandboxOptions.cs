using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Faults;

namespace Pinterest.Conversions.Sandbox;

/// <summary>How the sandbox behaves: its clock, the token and ad account it accepts, the advertiser's events, faults.</summary>
public sealed class PinterestSandboxOptions
{
    /// <summary>The clock for event_time checks, deduplication windows and late events; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The one bearer token accepted; null accepts any non-empty token.</summary>
    public string? AccessToken { get; set; }

    /// <summary>The one ad account id accepted (others get 403, code 29); null accepts any valid id.</summary>
    public string? AdAccountId { get; set; }

    /// <summary>Advertiser-defined event names accepted besides the 22 standard ones (at most 15, matched exactly).</summary>
    public ICollection<string> AdvertiserDefinedEvents { get; set; } = new List<string>();

    /// <summary>How far in the future an event_time may be before the event fails (clock skew); 1 minute by default.</summary>
    public TimeSpan FutureEventTimeTolerance { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>When set, older events fail as "in the past"; Pinterest's own limit is not documented, so none by default.</summary>
    public TimeSpan? MaxEventAge { get; set; }

    /// <summary>How many recent events the report and the dashboard keep; 100 by default.</summary>
    public int RecentEventCapacity { get; set; } = 100;

    /// <summary>
    /// Lets <c>MapPinterestSandbox</c> map the sandbox in an environment other than Development. Unsafe: conversions sent
    /// to it go to memory instead of Pinterest, and whoever reaches the app can read its event ids on the dashboard.
    /// </summary>
    public bool UnsafeAllowOutsideDevelopment { get; set; }

    /// <summary>
    /// Lets callers that are not on loopback use the admin routes (<c>POST /sandbox/reset</c>, <c>/sandbox/faults</c>);
    /// false by default, so nobody else can wipe the store or plan a 600 s delay.
    /// </summary>
    public bool AllowRemoteAdministration { get; set; }

    /// <summary>Faults to inject from the start (replaced by <c>POST /sandbox/faults</c>).</summary>
    public SandboxFaultPlan? Faults { get; set; }

    /// <summary>Logging of an in-process sandbox (<see cref="PinterestSandbox.StartAsync"/>); none by default.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Throws <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (TimeProvider is null) errors.Add("TimeProvider is required");
        if (AccessToken is not null && !BearerAuth.IsWellFormedToken(AccessToken))
            errors.Add("AccessToken must be non-empty and contain no whitespace or control characters");
        if (AdAccountId is not null && !AdAccountIds.IsValid(AdAccountId))
            errors.Add("AdAccountId must be 1 to 18 digits");
        if (AdvertiserDefinedEvents is null)
        {
            errors.Add("AdvertiserDefinedEvents is required");
        }
        else
        {
            if (AdvertiserDefinedEvents.Count > MaxAdvertiserDefinedEvents)
                errors.Add($"at most {MaxAdvertiserDefinedEvents} AdvertiserDefinedEvents");
            foreach (var name in AdvertiserDefinedEvents)
            {
                if (!PinterestEventNames.IsValidAdvertiserDefined(name))
                    errors.Add("AdvertiserDefinedEvents names are 1 to 100 characters of A-Z, a-z, 0-9, '_' and '-'");
            }
        }
        if (FutureEventTimeTolerance < TimeSpan.Zero || FutureEventTimeTolerance > TimeSpan.FromHours(1))
            errors.Add("FutureEventTimeTolerance must be 0 to 1 hour");
        if (MaxEventAge is { } age && age <= TimeSpan.Zero)
            errors.Add("MaxEventAge must be positive");
        if (RecentEventCapacity is < 1 or > 10_000)
            errors.Add("RecentEventCapacity must be 1 to 10000");
        errors.AddRange(FaultPlanRules.Validate(Faults).Select(e => "Faults: " + e));

        if (errors.Count > 0)
            throw new ArgumentException("Invalid PinterestSandboxOptions: " + string.Join("; ", errors.Distinct()));
    }

    // Pinterest's "define your own event types": up to 15 names of at most 100 characters (docs/pinterest-api.md §4.7).
    private const int MaxAdvertiserDefinedEvents = 15;
}
