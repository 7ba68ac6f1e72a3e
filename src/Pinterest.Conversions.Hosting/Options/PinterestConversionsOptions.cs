using System.Text.Json.Serialization;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// Options of <c>AddPinterestConversions</c>, bound from the configuration section <c>Pinterest:Conversions</c> or set by a
/// delegate, and validated when the host starts.
/// </summary>
public sealed class PinterestConversionsOptions
{
    /// <summary>The configuration section read by default, <c>Pinterest:Conversions</c>.</summary>
    public const string SectionName = "Pinterest:Conversions";

    /// <summary>The default ad account id (digits).</summary>
    public string? AdAccountId { get; set; }

    /// <summary>The default account's conversion access token. Never logged or serialized; keep it in a secret store or the environment.</summary>
    [JsonIgnore]
    public string? AccessToken { get; set; }

    /// <summary>Adds <c>?test=true</c> to every request: Pinterest validates and answers but records nothing.</summary>
    public bool Test { get; set; }

    /// <summary>
    /// The <c>partner_name</c> written on every event whose type does not map PartnerName: for platforms sending on
    /// behalf of advertisers (<c>ss-yourplatform</c>, as agreed with Pinterest). Configuration key <c>DefaultPartnerName</c>.
    /// </summary>
    public string? DefaultPartnerName { get; set; }

    /// <summary>The API root; default <c>https://api.pinterest.com/v5/</c>. HTTPS unless the host is loopback.</summary>
    public Uri BaseAddress { get; set; } = PinterestConversionsClientOptions.DefaultBaseAddress;

    /// <summary>How far in the future an event_time may be; default 5 minutes.</summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How old an event_time may be; default 7 days.</summary>
    public TimeSpan MaxEventAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Named accounts for senders that serve several ad accounts (see <see cref="PinterestAccounts"/>).</summary>
    public IDictionary<string, PinterestAccountOptions> Accounts { get; } = new Dictionary<string, PinterestAccountOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The background queue.</summary>
    public PinterestQueueOptions Queue { get; set; } = new();

    /// <summary>Retries, circuit breaker and timeouts of the HTTP client.</summary>
    public PinterestRetryOptions Retry { get; set; } = new();

    /// <summary>How the sender delivers what the queue or outbox holds: concurrency, rate limits, leases, redelivery windows.</summary>
    public PinterestDeliveryOptions Delivery { get; set; } = new();

    /// <summary>The durable outbox, when one is used (<c>UseSqliteOutbox</c>, <c>UsePostgreSqlOutbox</c>).</summary>
    public PinterestOutboxOptions Outbox { get; set; } = new();

    /// <summary>
    /// The standard events the site also fires with the Pinterest Tag, for the health report's lower-funnel rule; null when the
    /// site runs no Tag.
    /// </summary>
    public IList<EventName>? TagEvents { get; set; }

    /// <summary>Every problem, in words that never contain a token; empty when valid.</summary>
    public IReadOnlyList<string> GetValidationErrors()
    {
        var errors = new List<string>(ToClientOptions(null).GetValidationErrors());
        if (AdAccountId is null && AccessToken is null && Accounts.Count == 0)
            errors.Add("Set AdAccountId and AccessToken, or at least one entry of Accounts.");
        foreach (var (name, account) in Accounts)
        {
            if (account is null || !PinterestAccount.IsValidAdAccountId(account.AdAccountId))
                errors.Add($"Accounts:{name}:AdAccountId must be 1 to 18 ASCII digits.");
            if (account is null || !PinterestAccount.IsValidAccessToken(account.AccessToken))
                errors.Add($"Accounts:{name}:AccessToken must be set, without whitespace or control characters.");
        }
        Queue ??= new PinterestQueueOptions();
        Retry ??= new PinterestRetryOptions();
        Delivery ??= new PinterestDeliveryOptions();
        Outbox ??= new PinterestOutboxOptions();
        if (Queue.Capacity is < 1 or > 10_000_000) errors.Add("Queue:Capacity must be 1 to 10000000.");
        if (Queue.BatchSize is < 1 or > PinterestConversionsClient.MaxEventsPerRequest) errors.Add("Queue:BatchSize must be 1 to 1000.");
        if (Queue.FlushInterval <= TimeSpan.Zero || Queue.FlushInterval > TimeSpan.FromHours(1)) errors.Add("Queue:FlushInterval must be positive and at most 1 hour.");
        if (Queue.DrainTimeout < TimeSpan.Zero || Queue.DrainTimeout > TimeSpan.FromHours(1)) errors.Add("Queue:DrainTimeout must be 0 to 1 hour.");
        if (Retry.MaxRetries is < 0 or > 100) errors.Add("Retry:MaxRetries must be 0 to 100.");
        if (Retry.BaseDelay <= TimeSpan.Zero || Retry.MaxDelay < Retry.BaseDelay) errors.Add("Retry:BaseDelay must be positive and Retry:MaxDelay at least BaseDelay.");
        if (Retry.AttemptTimeout < TimeSpan.FromMilliseconds(10) || Retry.TotalTimeout < Retry.AttemptTimeout)
            errors.Add("Retry:AttemptTimeout must be at least 10 ms and Retry:TotalTimeout at least AttemptTimeout.");
        if (Retry.CircuitBreakerFailureRatio is <= 0 or > 1) errors.Add("Retry:CircuitBreakerFailureRatio must be in (0, 1].");
        if (Retry.CircuitBreakerMinimumThroughput < 2) errors.Add("Retry:CircuitBreakerMinimumThroughput must be at least 2.");
        if (Retry.CircuitBreakerBreakDuration < TimeSpan.FromMilliseconds(500)) errors.Add("Retry:CircuitBreakerBreakDuration must be at least 500 ms.");
        if (Retry.CircuitBreakerSamplingDuration < TimeSpan.FromMilliseconds(500)) errors.Add("Retry:CircuitBreakerSamplingDuration must be at least 500 ms.");
        errors.AddRange(Delivery.GetValidationErrors(this));
        errors.AddRange(Outbox.GetValidationErrors());
        return errors;
    }

    /// <summary>The redelivery limits these options set, for <see cref="PinterestRetryRules"/>.</summary>
    public PinterestDeliveryPolicy ToDeliveryPolicy() => new()
    {
        MaxEventAge = MaxEventAge,
        DedupResendWindow = Delivery.DedupResendWindow,
        AttemptTimeout = Retry.AttemptTimeout,
        TreatLateAsOffline = Delivery.TreatLateAsOffline,
    };

    /// <summary>The runtime client's options for these settings and <paramref name="timeProvider"/>.</summary>
    public PinterestConversionsClientOptions ToClientOptions(TimeProvider? timeProvider) => new()
    {
        AdAccountId = AdAccountId,
        AccessToken = AccessToken,
        Test = Test,
        BaseAddress = BaseAddress,
        MaxClockSkew = MaxClockSkew,
        MaxEventAge = MaxEventAge,
        TimeProvider = timeProvider ?? TimeProvider.System,
        DefaultPartnerName = DefaultPartnerName,
    };
}

/// <summary>A named ad account and its token.</summary>
public sealed class PinterestAccountOptions
{
    /// <summary>The ad account id (digits).</summary>
    public string? AdAccountId { get; set; }

    /// <summary>The conversion access token. Never logged or serialized.</summary>
    [JsonIgnore]
    public string? AccessToken { get; set; }
}

/// <summary>The bounded background queue of <see cref="IPinterestEventQueue"/>.</summary>
public sealed class PinterestQueueOptions
{
    /// <summary>The most events waiting to be sent; a full queue rejects new events (reported and counted). Default 100,000.</summary>
    public int Capacity { get; set; } = 100_000;

    /// <summary>Events per request, at most 1000 (the default).</summary>
    public int BatchSize { get; set; } = PinterestConversionsClient.MaxEventsPerRequest;

    /// <summary>The longest an event waits for its batch to fill before it is sent; default 5 seconds.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Without an outbox: how long shutdown waits to send what is queued; default 30 seconds. What is left after it is
    /// dropped and reported. An outbox keeps what is left instead.
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>How the sender delivers: section <c>Pinterest:Conversions:Delivery</c>.</summary>
public sealed class PinterestDeliveryOptions
{
    /// <summary>Requests in flight at once, over all accounts; each account with ready events gets at most its fair share. Default 4.</summary>
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>Requests per minute per ad account, per process (Pinterest's limit is 5,000: N instances set 5,000 / N). Default 5,000.</summary>
    public int RequestsPerMinute { get; set; } = 5_000;

    /// <summary>An offline event whose account, name and id were accepted within this window is refused as a duplicate; default 7 days, at least MaxEventAge.</summary>
    public TimeSpan OfflineIdempotencyWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a claim is held before another sender may take it back; default Retry:AttemptTimeout + 30 s, at least AttemptTimeout + 10 s.</summary>
    public TimeSpan? LeaseDuration { get; set; }

    /// <summary>How often the sender looks for due events when nothing wakes it; default 1 second.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A resend of an event that may have been processed must arrive within this of its first send; default 47 hours (Pinterest dedupes within 48).</summary>
    public TimeSpan DedupResendWindow { get; set; } = TimeSpan.FromHours(47);

    /// <summary>The longest pause of an account whose token is refused (the pause doubles up to it, then one probe request); default 5 minutes.</summary>
    public TimeSpan MaxPause { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest <c>Retry-After</c> honoured; longer ones are capped to it. Default 10 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When true, an event whose resend would arrive over an hour after its event_time is treated as offline (never resent once it may have been processed).</summary>
    public bool TreatLateAsOffline { get; set; }

    /// <summary>The lease duration in force: <see cref="LeaseDuration"/>, or the attempt timeout plus 30 seconds.</summary>
    public TimeSpan GetLeaseDuration(PinterestRetryOptions retry) => LeaseDuration ?? (retry ?? new()).AttemptTimeout + TimeSpan.FromSeconds(30);

    internal IEnumerable<string> GetValidationErrors(PinterestConversionsOptions options)
    {
        if (MaxConcurrentRequests is < 1 or > 256) yield return "Delivery:MaxConcurrentRequests must be 1 to 256.";
        if (RequestsPerMinute is < 1 or > 1_000_000) yield return "Delivery:RequestsPerMinute must be 1 to 1000000.";
        if (OfflineIdempotencyWindow < options.MaxEventAge) yield return "Delivery:OfflineIdempotencyWindow must be at least MaxEventAge.";
        if (GetLeaseDuration(options.Retry) < options.Retry.AttemptTimeout + TimeSpan.FromSeconds(10))
            yield return "Delivery:LeaseDuration must be at least Retry:AttemptTimeout + 10 seconds.";
        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(10)) yield return "Delivery:PollInterval must be 10 ms to 10 minutes.";
        if (DedupResendWindow <= TimeSpan.Zero || DedupResendWindow > TimeSpan.FromHours(48))
            yield return "Delivery:DedupResendWindow must be positive and at most 48 hours (Pinterest's deduplication window).";
        if (MaxPause < TimeSpan.FromSeconds(1) || MaxPause > TimeSpan.FromDays(1)) yield return "Delivery:MaxPause must be 1 second to 1 day.";
        if (MaxRetryAfter < TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromDays(1)) yield return "Delivery:MaxRetryAfter must be 0 to 1 day.";
    }
}

/// <summary>How a durable outbox commits: <see cref="Full"/> survives a power loss, <see cref="Normal"/> only a process crash.</summary>
public enum PinterestOutboxSynchronous
{
    /// <summary>Every commit reaches the disk before Enqueue returns (SQLite <c>synchronous=FULL</c>). The default.</summary>
    Full = 0,

    /// <summary>Commits survive the process's death but not the machine's (SQLite <c>synchronous=NORMAL</c> in WAL mode).</summary>
    Normal = 1,
}

/// <summary>The durable outbox: section <c>Pinterest:Conversions:Outbox</c>.</summary>
public sealed class PinterestOutboxOptions
{
    /// <summary>How commits reach the disk; default <see cref="PinterestOutboxSynchronous.Full"/>.</summary>
    public PinterestOutboxSynchronous Synchronous { get; set; } = PinterestOutboxSynchronous.Full;

    /// <summary>The most events pending or in flight; a full outbox refuses new events (<c>QueueFull</c>). Default 10,000,000.</summary>
    public long Capacity { get; set; } = 10_000_000;

    /// <summary>How long an enqueue waits for its commit before it answers <c>StoreUnavailable</c>; default 5 seconds.</summary>
    public TimeSpan EnqueueTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Parked events are deleted after this (they are personal data); default 30 days.</summary>
    public TimeSpan ParkedRetention { get; set; } = TimeSpan.FromDays(30);

    internal IEnumerable<string> GetValidationErrors()
    {
        if (Capacity is < 1 or > 1_000_000_000) yield return "Outbox:Capacity must be 1 to 1000000000.";
        if (EnqueueTimeout < TimeSpan.FromMilliseconds(10) || EnqueueTimeout > TimeSpan.FromMinutes(10)) yield return "Outbox:EnqueueTimeout must be 10 ms to 10 minutes.";
        if (ParkedRetention < TimeSpan.FromHours(1) || ParkedRetention > TimeSpan.FromDays(3650)) yield return "Outbox:ParkedRetention must be 1 hour to 10 years.";
        if (!Enum.IsDefined(Synchronous)) yield return "Outbox:Synchronous must be Full or Normal.";
    }
}

/// <summary>Resilience of the HTTP client: retries by <see cref="PinterestRetryRules"/>, a circuit breaker and timeouts.</summary>
public sealed class PinterestRetryOptions
{
    /// <summary>Retries after the first attempt; default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay (exponential, with jitter) when Pinterest gives no Retry-After; default 1 second.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay; default 30 seconds.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The timeout of one attempt; default 30 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The timeout of a request with all its retries; default 3 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The share of failed attempts in the sampling window that opens the circuit; default 0.5.</summary>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts in the window before the circuit can open; default 20.</summary>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The sampling window; default 30 seconds.</summary>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit refuses requests; default 5 seconds.</summary>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
