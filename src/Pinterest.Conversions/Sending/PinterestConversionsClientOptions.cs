using System.Text.Json.Serialization;

namespace Pinterest.Conversions;

/// <summary>Options of <see cref="PinterestConversionsClient"/>: the default account, test mode, the endpoint and the local rejection limits.</summary>
public sealed class PinterestConversionsClientOptions
{
    /// <summary>Pinterest's API root, <c>https://api.pinterest.com/v5/</c>.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://api.pinterest.com/v5/");

    /// <summary>The default ad account id (digits); null when every call passes a <see cref="PinterestAccount"/>.</summary>
    public string? AdAccountId { get; set; }

    /// <summary>The default account's conversion access token. Never logged, serialized or in an exception message.</summary>
    [JsonIgnore]
    public string? AccessToken { get; set; }

    /// <summary>Adds <c>?test=true</c>: Pinterest validates and answers but records nothing.</summary>
    public bool Test { get; set; }

    /// <summary>The API root that <c>ad_accounts/{id}/events</c> is appended to; HTTPS unless the host is loopback.</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>How far in the future an event_time may be (clock skew) before the event is rejected locally; default 5 minutes.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old an event_time may be before the event is rejected locally; default 7 days (a guess: Pinterest states no limit).</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The clock for the event_time checks and for events whose time is unmapped.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// The <c>partner_name</c> for events whose type does not map PartnerName (platforms sending for advertisers, such as
    /// <c>ss-yourplatform</c>); used when <see cref="WriteContext"/> is not set.
    /// </summary>
    public string? DefaultPartnerName { get; set; }

    /// <summary>The write context used by <see cref="PinterestConversionsClient.SendAsync{T}(IEnumerable{T}, CancellationToken)"/>; by default one over <see cref="TimeProvider"/>.</summary>
    public PinterestWriteContext? WriteContext { get; set; }

    /// <summary>The default account, or null when <see cref="AdAccountId"/> or <see cref="AccessToken"/> is not set.</summary>
    public PinterestAccount? GetDefaultAccount() =>
        AdAccountId is null && AccessToken is null ? null : new PinterestAccount(AdAccountId ?? "", AccessToken ?? "");

    /// <summary>Every problem with these options, in words that never contain the token; empty when they are valid.</summary>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>();
        if (AdAccountId is not null || AccessToken is not null)
        {
            if (!PinterestAccount.IsValidAdAccountId(AdAccountId)) errors.Add("AdAccountId must be 1 to 18 ASCII digits.");
            if (!PinterestAccount.IsValidAccessToken(AccessToken)) errors.Add("AccessToken must be set, without whitespace or control characters, when AdAccountId is.");
        }
        if (BaseAddress is null || !BaseAddress.IsAbsoluteUri)
            errors.Add("BaseAddress must be an absolute URI.");
        else if (!IsAllowedBaseAddress(BaseAddress))
            errors.Add("BaseAddress must use https, or http on a loopback host (localhost, 127.0.0.1, ::1).");
        if (MaxClockSkew < TimeSpan.Zero || MaxClockSkew > TimeSpan.FromDays(1)) errors.Add("MaxClockSkew must be between 0 and 1 day.");
        if (MaxEventAge <= TimeSpan.Zero || MaxEventAge > TimeSpan.FromDays(3650)) errors.Add("MaxEventAge must be positive and at most 10 years.");
        if (TimeProvider is null) errors.Add("TimeProvider must be set.");
        if (!PinterestWriteContext.IsValidPartnerName(DefaultPartnerName))
            errors.Add($"DefaultPartnerName must be 1 to {PinterestWriteContext.MaxPartnerNameLength} characters with no control character, such as \"ss-yourplatform\".");
        return errors;
    }

    /// <summary>Throws when the options are invalid.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem and never the token.</exception>
    public void Validate()
    {
        var errors = GetValidationErrors();
        if (errors.Count > 0) throw new ArgumentException("Invalid Pinterest conversions client options: " + string.Join(" ", errors));
    }

    /// <summary>True for https URIs, and for http URIs whose host is loopback.</summary>
    public static bool IsAllowedBaseAddress(Uri address)
    {
        if (address is null || !address.IsAbsoluteUri) return false;
        if (address.Scheme == Uri.UriSchemeHttps) return true;
        return address.Scheme == Uri.UriSchemeHttp && address.IsLoopback;
    }
}
