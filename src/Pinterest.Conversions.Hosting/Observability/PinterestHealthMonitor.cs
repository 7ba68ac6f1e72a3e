using Pinterest.Conversions.Serialization;

namespace Pinterest.Conversions.Hosting;

/// <summary>
/// The health report over the events Pinterest actually processed, from each event's <see cref="PinterestEventReport"/>:
/// IP and user agent coverage, email or mobile ad id share on checkouts, lower-funnel coverage of the Tag's events, and
/// the level (Poor, Good, Great) by <see cref="PinterestResilience.AssessSite"/>; in all and per account, with the
/// accounts whose sending is paused. Thread-safe.
/// </summary>
public sealed class PinterestHealthMonitor
{
    private static readonly Dictionary<string, EventName> s_eventNames =
        Enum.GetValues<EventName>().ToDictionary(n => PinterestJsonNames.Of(n).Value, n => n, StringComparer.Ordinal);

    private readonly object _gate = new();
    private readonly IReadOnlyList<EventName>? _tagEvents;
    private ResilienceTally _tally = new();
    private Dictionary<string, ResilienceTally> _accounts = new(StringComparer.Ordinal);
    private Func<IReadOnlyList<PinterestPausedAccount>>? _paused;

    /// <summary>Creates a monitor for a site that fires <paramref name="tagEvents"/> with the Tag (null: no Tag).</summary>
    public PinterestHealthMonitor(IEnumerable<EventName>? tagEvents) => _tagEvents = tagEvents?.ToArray();

    /// <summary>Where the report reads the paused accounts (the sender).</summary>
    internal void AttachPauses(Func<IReadOnlyList<PinterestPausedAccount>> paused) => _paused = paused;

    /// <summary>Adds the processed events of <paramref name="result"/>, for the default account.</summary>
    public void Record(PinterestSendResult result) => Record(null, result);

    /// <summary>Adds the processed events of <paramref name="result"/>, sent for <paramref name="account"/> (null: the default account).</summary>
    public void Record(string? account, PinterestSendResult result)
    {
        if (result is null) throw new ArgumentNullException(nameof(result));
        var key = AccountKeys.ToStored(account);
        lock (_gate)
        {
            if (!_accounts.TryGetValue(key, out var perAccount)) _accounts.Add(key, perAccount = new ResilienceTally());
            foreach (var outcome in result.Outcomes)
            {
                if (outcome.Status != PinterestEventStatus.Processed) continue;
                EventName? name = outcome.EventName is not null && s_eventNames.TryGetValue(outcome.EventName, out var n) ? n : null;
                _tally.Add(outcome.Report.Signals, name, outcome.Report.ActionSource);
                perAccount.Add(outcome.Report.Signals, name, outcome.Report.ActionSource);
            }
        }
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _tally = new ResilienceTally();
            _accounts = new Dictionary<string, ResilienceTally>(StringComparer.Ordinal);
        }
    }

    /// <summary>The report over every account now: level, reasons, coverage numbers and the paused accounts.</summary>
    public PinterestHealthReport GetReport()
    {
        var paused = Paused();
        lock (_gate) return Build(_tally, null, allAccounts: true, paused);
    }

    /// <summary>The report of one account (null: the default account).</summary>
    public PinterestHealthReport GetReport(string? account)
    {
        var key = AccountKeys.ToStored(account);
        var paused = Paused().Where(p => p.IsAllSending || AccountKeys.ToStored(p.Account) == key).ToList();
        lock (_gate) return Build(_accounts.GetValueOrDefault(key) ?? new ResilienceTally(), AccountKeys.FromStored(key), allAccounts: false, paused);
    }

    /// <summary>One report per account that sent events or is paused.</summary>
    public IReadOnlyList<PinterestHealthReport> GetAccountReports()
    {
        List<string> keys;
        lock (_gate) keys = _accounts.Keys.ToList();
        keys.AddRange(Paused().Where(p => !p.IsAllSending).Select(p => AccountKeys.ToStored(p.Account)));
        return keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(k => GetReport(AccountKeys.FromStored(k))).ToList();
    }

    private List<PinterestPausedAccount> Paused() =>
        _paused?.Invoke().ToList() ?? [];

    private PinterestHealthReport Build(ResilienceTally tally, string? account, bool allAccounts, IReadOnlyList<PinterestPausedAccount> paused)
    {
        // The rules and their wording live in the runtime (one place for the sandbox and for this report).
        var explanation = ResilienceExplanation.Explain(tally, _tagEvents);
        var reasons = explanation.Reasons.Concat(paused.Select(p => p.ToString())).ToList();
        if (explanation.Assessment is not { } assessment)
            return new PinterestHealthReport(null, reasons, 0, null, null, [], PinterestSignals.None, account, allAccounts, paused);

        var ipUa = tally.OnlineEvents == 0 ? (double?)null : (double)tally.OnlineEventsWithIpAndUserAgent / tally.OnlineEvents;
        var checkout = tally.Checkouts == 0 ? (double?)null : (double)tally.CheckoutsWithEmailOrMobileAdId / tally.Checkouts;
        var notSent = explanation.LowerFunnelTagEventsNotSent.Select(n => PinterestJsonNames.Of(n).Value).ToArray();
        return new PinterestHealthReport(assessment.Level, reasons, tally.Events, ipUa, checkout, notSent, assessment.MissingSignals, account, allAccounts, paused);
    }
}

/// <summary>An account whose sending is paused: its token was refused (401, 403) or its resolver gave no account.</summary>
public sealed class PinterestPausedAccount
{
    /// <summary>Describes a paused account (or, with <paramref name="isAllSending"/>, all sending).</summary>
    public PinterestPausedAccount(string? account, string reason, DateTimeOffset until, bool isAllSending = false)
    {
        IsAllSending = isAllSending;
        Account = account;
        Reason = reason;
        Until = until;
    }

    /// <summary>The account key; null for the default account.</summary>
    public string? Account { get; }

    /// <summary>True when all sending is paused (a 404 or 3xx: the base address is wrong), not one account.</summary>
    public bool IsAllSending { get; }

    /// <summary>Why it is paused (Pinterest's status and message; never the token).</summary>
    public string Reason { get; }

    /// <summary>When the pause ends and one probe request goes.</summary>
    public DateTimeOffset Until { get; }

    /// <summary>The account, the reason and the end of the pause.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Sending {(IsAllSending ? "to every account" : "for account " + (Account ?? "(default)"))} is paused until {Until:u}: {Reason}. Its events wait; none is lost.");
}

/// <summary>The health report: the level with its reasons and the coverage numbers behind it.</summary>
public sealed class PinterestHealthReport
{
    internal PinterestHealthReport(
        ResilienceLevel? level, IReadOnlyList<string> reasons, long eventsProcessed, double? ipAndUserAgentCoverage,
        double? checkoutEmailOrMobileAdIdShare, IReadOnlyList<string> lowerFunnelTagEventsNotSent, PinterestSignals missingSignals,
        string? account, bool isAllAccounts, IReadOnlyList<PinterestPausedAccount> pausedAccounts)
    {
        Account = account;
        IsAllAccounts = isAllAccounts;
        PausedAccounts = pausedAccounts;
        Level = level;
        Reasons = reasons;
        EventsProcessed = eventsProcessed;
        IpAndUserAgentCoverage = ipAndUserAgentCoverage;
        CheckoutEmailOrMobileAdIdShare = checkoutEmailOrMobileAdIdShare;
        LowerFunnelTagEventsNotSent = lowerFunnelTagEventsNotSent;
        MissingSignals = missingSignals;
    }

    /// <summary>The account of this report (null: the default account, or every account when <see cref="IsAllAccounts"/>).</summary>
    public string? Account { get; }

    /// <summary>True for the report over every account.</summary>
    public bool IsAllAccounts { get; }

    /// <summary>Accounts whose sending is paused now (for an account's report, that account when it is).</summary>
    public IReadOnlyList<PinterestPausedAccount> PausedAccounts { get; }

    /// <summary>Poor, Good or Great; null before the first processed event.</summary>
    public ResilienceLevel? Level { get; }

    /// <summary>One sentence per unmet requirement (or one saying all are met).</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Events Pinterest processed, counted in the report.</summary>
    public long EventsProcessed { get; }

    /// <summary>Share (0 to 1) of non-offline events that carried both IP and user agent; null when there were none.</summary>
    public double? IpAndUserAgentCoverage { get; }

    /// <summary>Share (0 to 1) of checkout events that carried an email or a mobile ad id; null when there were none.</summary>
    public double? CheckoutEmailOrMobileAdIdShare { get; }

    /// <summary>Lower-funnel events the Tag fires that were never processed through the API (wire names).</summary>
    public IReadOnlyList<string> LowerFunnelTagEventsNotSent { get; }

    /// <summary>The medium and low weight signals Great still needs.</summary>
    public PinterestSignals MissingSignals { get; }

    /// <summary>The level and reasons.</summary>
    public override string ToString() => $"{Level?.ToString() ?? "none"}: {string.Join(" ", Reasons)}";
}
