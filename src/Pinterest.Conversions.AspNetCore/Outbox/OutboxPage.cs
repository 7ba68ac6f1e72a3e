using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Html;

namespace Pinterest.Conversions.AspNetCore.Outbox;

/// <summary>What the page shows, gathered by the GET handler.</summary>
internal sealed record OutboxPageModel(
    string Title,
    string PagePath,
    PinterestOutboxStatistics Statistics,
    IReadOnlyList<PinterestPausedAccount> Paused,
    IReadOnlyList<PinterestParkedEvent> Parked,
    string? After,
    string? NextAfter,
    string AntiforgeryField,
    string AntiforgeryToken,
    OutboxPageNotice? Notice,
    DateTimeOffset Now);

/// <summary>The outcome of the last action, as the redirect after it reports it.</summary>
internal sealed record OutboxPageNotice(string Action, int Count);

/// <summary>
/// The outbox page's HTML: server-rendered, every value HTML-encoded, no script, no external asset. It shows counts and
/// what the outbox knows about each parked event (names, ids, reasons, messages, times), never an event's payload: that
/// holds IP addresses, user agents and hashed identities.
/// </summary>
internal static class OutboxPage
{
    private static readonly HtmlEncoder s_html = HtmlEncoder.Default;

    private const string Style = AdminPageStyle.Common + """
        .paused{color:#fff;background:#c62828;border-radius:10px;padding:1px 8px;font-size:12px}
        .notice{background:#e8f5e9;border:1px solid #a5d6a7;border-radius:8px;padding:8px 12px}
        .message{min-width:240px;max-width:480px;word-break:break-word}td.name{white-space:nowrap}td.name code{word-break:normal}form{display:inline;margin:0}
        button{font:inherit;font-size:12px;padding:2px 10px;border-radius:6px;border:1px solid #bbb;background:#fff;cursor:pointer}
        button.purge{border-color:#c62828;color:#c62828}button:disabled{opacity:.4;cursor:default}
        """;

    /// <summary>The page's Content-Security-Policy: no script, the style element by its hash, forms to this app only.</summary>
    public static readonly string ContentSecurityPolicy =
        "default-src 'none'; style-src 'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style))) + "'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static string Render(OutboxPageModel model)
    {
        var html = new StringBuilder(16 * 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"referrer\" content=\"no-referrer\">")
            .Append("<title>").Append(Encode(model.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<header><h1>").Append(Encode(model.Title)).Append("</h1><p>")
            .Append(Encode(Time(model.Now))).Append(" · <a href=\"").Append(Encode(model.PagePath)).Append("\">refresh</a></p></header><main>");

        if (model.Notice is { } notice) Notice(html, notice);
        Totals(html, model.Statistics);
        Accounts(html, model.Statistics.Accounts);
        Paused(html, model.Paused, model.Now);
        Parked(html, model);

        return html.Append("</main></body></html>").ToString();
    }

    private static void Notice(StringBuilder html, OutboxPageNotice notice)
    {
        var events = notice.Count == 1 ? "1 parked event" : notice.Count.ToString(CultureInfo.InvariantCulture) + " parked events";
        html.Append("<p class=\"notice\" id=\"notice\">").Append(notice.Action == OutboxPageEndpoints.RedrivePath
            ? notice.Count == 0 ? "Nothing was redriven (an expired event cannot be sent again, or it was already handled)." : events + " sent again, as new."
            : notice.Count == 0 ? "Nothing was purged (it was already handled)." : events + " purged.")
            .Append("</p>");
    }

    private static void Totals(StringBuilder html, PinterestOutboxStatistics statistics)
    {
        html.Append("<h2>Events</h2><div class=\"cards\">");
        Card(html, "total-pending", statistics.Pending.ToString(CultureInfo.InvariantCulture), "pending");
        Card(html, "total-in-flight", statistics.InFlight.ToString(CultureInfo.InvariantCulture), "in flight");
        Card(html, "total-parked", statistics.Parked.ToString(CultureInfo.InvariantCulture), "parked");
        Card(html, "oldest-pending", Age(statistics.OldestPendingAge), "oldest pending");
        Card(html, "paused-accounts", statistics.Accounts.Count(a => a.IsPaused).ToString(CultureInfo.InvariantCulture), "paused accounts");
        html.Append("</div>");
    }

    private static void Accounts(StringBuilder html, IReadOnlyList<PinterestOutboxAccountStatistics> accounts)
    {
        html.Append("<h2>Accounts</h2>");
        if (accounts.Count == 0) { html.Append("<p class=\"muted\">The outbox is empty.</p>"); return; }
        html.Append("<table id=\"accounts\"><tr><th>account</th><th class=n>pending</th><th class=n>in flight</th><th class=n>parked</th>")
            .Append("<th class=n>oldest pending</th><th>sending</th></tr>");
        foreach (var a in accounts.OrderBy(a => a.Account ?? "", StringComparer.Ordinal))
        {
            html.Append("<tr data-account=\"").Append(Encode(AccountKey(a.Account))).Append("\"><td>").Append(AccountName(a.Account))
                .Append("</td><td class=\"n pending\">").Append(a.Pending)
                .Append("</td><td class=\"n in-flight\">").Append(a.InFlight)
                .Append("</td><td class=\"n parked\">").Append(a.Parked)
                .Append("</td><td class=\"n oldest\">").Append(Encode(Age(a.OldestPendingAge)))
                .Append("</td><td class=\"sending\">").Append(a.IsPaused ? "<span class=\"paused\">paused</span>" : "active").Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Paused(StringBuilder html, IReadOnlyList<PinterestPausedAccount> paused, DateTimeOffset now)
    {
        if (paused.Count == 0) return;
        html.Append("<h2>Paused</h2><table id=\"paused\"><tr><th>account</th><th>why</th><th>next try</th></tr>");
        foreach (var p in paused)
        {
            html.Append("<tr data-account=\"").Append(Encode(p.IsAllSending ? "*" : AccountKey(p.Account))).Append("\"><td>")
                .Append(p.IsAllSending ? "<b>all sending</b>" : AccountName(p.Account))
                .Append("</td><td class=\"message\">").Append(Encode(p.Reason))
                .Append("</td><td>").Append(Encode(Time(p.Until))).Append(p.Until > now ? " (in " + Encode(Age(p.Until - now)) + ")" : "")
                .Append("</td></tr>");
        }
        html.Append("</table><p class=\"muted\">A paused account's events wait; none is lost. Fix its token or resolver: the next try resumes it.</p>");
    }

    private static void Parked(StringBuilder html, OutboxPageModel model)
    {
        html.Append("<h2>Parked</h2>");
        if (model.Parked.Count == 0)
        {
            html.Append("<p class=\"muted\" id=\"no-parked\">No parked event").Append(model.After is null ? "" : " after this point").Append(".</p>");
            if (model.After is not null) html.Append("<p><a href=\"").Append(Encode(model.PagePath)).Append("\">first page</a></p>");
            return;
        }
        html.Append("<p class=\"muted\">Redrive sends an event again, as new: an offline event parked as outcome unknown may then count twice. ")
            .Append("Purge deletes it. Parked events are also deleted after the outbox's ParkedRetention.</p>");
        html.Append("<table id=\"parked\"><tr><th>id</th><th>account</th><th>event</th><th>event_id</th><th>reason</th><th>message</th>")
            .Append("<th class=n>attempts</th><th>event_time</th><th>first sent</th><th>parked</th><th></th></tr>");
        foreach (var p in model.Parked)
        {
            html.Append("<tr data-id=\"").Append(Encode(p.Id)).Append("\"><td class=n>").Append(Encode(p.Id))
                .Append("</td><td>").Append(AccountName(p.Account))
                .Append("</td><td class=\"name\"><code>").Append(Encode(p.EventName)).Append("</code>").Append(p.IsOffline ? " <span class=\"muted\">offline</span>" : "")
                .Append("</td><td><code class=\"event-id\">").Append(Encode(p.EventId))
                .Append("</code></td><td class=\"reason\">").Append(Reason(p.Reason))
                .Append("</td><td class=\"message\">").Append(Encode(p.Message))
                .Append("</td><td class=n>").Append(p.Attempts)
                .Append("</td><td>").Append(Encode(Time(p.EventTime)))
                .Append("</td><td>").Append(p.FirstSentAt is { } sent ? Encode(Time(sent)) : "<span class=\"muted\">never</span>")
                .Append("</td><td>").Append(Encode(Time(p.ParkedAt)))
                .Append("</td><td>");
            Action(html, model, OutboxPageEndpoints.RedrivePath, "redrive", "Redrive", p.Id, enabled: p.Reason != PinterestParkReason.Expired);
            html.Append(' ');
            Action(html, model, OutboxPageEndpoints.PurgePath, "purge", "Purge", p.Id, enabled: true);
            html.Append("</td></tr>");
        }
        html.Append("</table><p>");
        if (model.After is not null) html.Append("<a href=\"").Append(Encode(model.PagePath)).Append("\">first page</a> ");
        if (model.NextAfter is not null)
        {
            html.Append("<a id=\"next-page\" href=\"").Append(Encode(model.PagePath + "?after=" + Uri.EscapeDataString(model.NextAfter))).Append("\">next page</a>");
        }
        html.Append("</p>");
    }

    private static void Action(StringBuilder html, OutboxPageModel model, string path, string cssClass, string label, string id, bool enabled)
    {
        html.Append("<form method=\"post\" action=\"").Append(Encode(model.PagePath.TrimEnd('/') + "/" + path)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(Encode(model.AntiforgeryField)).Append("\" value=\"").Append(Encode(model.AntiforgeryToken)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(OutboxPageEndpoints.IdField).Append("\" value=\"").Append(Encode(id)).Append("\">")
            .Append("<button type=\"submit\" class=\"").Append(cssClass).Append('"').Append(enabled ? "" : " disabled title=\"An expired event cannot be sent again\"")
            .Append('>').Append(label).Append("</button></form>");
    }

    private static string Reason(PinterestParkReason reason) => reason switch
    {
        PinterestParkReason.Rejected => "rejected",
        PinterestParkReason.Expired => "expired",
        PinterestParkReason.OutcomeUnknown => "outcome unknown",
        _ => "other",
    };

    private static void Card(StringBuilder html, string id, string value, string label) =>
        html.Append("<div class=\"card\" id=\"").Append(id).Append("\"><b>").Append(Encode(value)).Append("</b><span>").Append(label).Append("</span></div>");

    /// <summary>The account as the page's data attributes name it: its key, or "" for the default account.</summary>
    private static string AccountKey(string? account) => account ?? "";

    private static string AccountName(string? account) => account is null ? "<span class=\"muted\">default</span>" : Encode(account);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>A short age: "45 s", "12 min 5 s", "3 h 12 min", "2 d 4 h"; "–" for none.</summary>
    internal static string Age(TimeSpan? age)
    {
        if (age is not { } a) return "–";
        if (a < TimeSpan.Zero) a = TimeSpan.Zero;
        return a.TotalMinutes < 1 ? $"{(int)a.TotalSeconds} s"
            : a.TotalHours < 1 ? $"{a.Minutes} min {a.Seconds} s"
            : a.TotalDays < 1 ? $"{a.Hours} h {a.Minutes} min"
            : $"{(int)a.TotalDays} d {a.Hours} h";
    }

    private static string Encode(string? text) => text is null ? "" : s_html.Encode(text);
}
