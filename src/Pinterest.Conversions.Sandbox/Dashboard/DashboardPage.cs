using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Pinterest.Conversions.Html;

namespace Pinterest.Conversions.Sandbox.Dashboard;

/// <summary>
/// The HTML dashboard at <c>GET /sandbox</c>: server-rendered from a <see cref="SandboxReport"/>, every value
/// HTML-encoded, refreshed every few seconds, with no script and no external asset.
/// </summary>
internal static class DashboardPage
{
    public const int RefreshSeconds = 2;

    private static readonly HtmlEncoder s_html = HtmlEncoder.Default;

    private const string Style = AdminPageStyle.Common + """
        .level{padding:2px 10px;border-radius:10px;color:#fff;font-size:13px}.Poor{background:#c62828}.Good{background:#ef8f00}
        .Great{background:#2e7d32}.None{background:#888}.failed{color:#c62828}.dedup{color:#666}
        """;

    public static string Render(SandboxReport report, SandboxFaultPlan faults)
    {
        var html = new StringBuilder(8 * 1024);
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"refresh\" content=\"").Append(RefreshSeconds).Append("\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>Pinterest API for Conversions sandbox</title><style>").Append(Style).Append("</style></head><body>");
        html.Append("<header><h1>Pinterest API for Conversions · sandbox</h1><p>")
            .Append(Encode(report.GeneratedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)))
            .Append(" · refreshes every ").Append(RefreshSeconds).Append(" s · <a href=\"sandbox/report\">JSON report</a></p></header><main>");

        Totals(html, report.Totals);
        Health(html, report.Health);
        ByEvent(html, report.ByEvent);
        Recent(html, report.RecentEvents);
        Requests(html, report.Requests, faults);

        return html.Append("</main></body></html>").ToString();
    }

    private static void Totals(StringBuilder html, SandboxEventCounts totals)
    {
        html.Append("<h2>Events</h2><div class=\"cards\">");
        Card(html, totals.Conversions, "conversions");
        Card(html, totals.Received, "received");
        Card(html, totals.Processed, "processed");
        Card(html, totals.Failed, "failed");
        Card(html, totals.Deduplicated, "deduplicated");
        Card(html, totals.DuplicateReceipts, "duplicate receipts");
        Card(html, totals.Late, "late (over 1 h)");
        Card(html, totals.ReportedAsOffline, "reported as offline");
        html.Append("</div>");
    }

    private static void Health(StringBuilder html, SandboxHealthReport health)
    {
        var level = health.Level?.ToString() ?? "None";
        html.Append("<h2>Resilience <span class=\"level ").Append(level).Append("\">")
            .Append(health.Level is null ? "no events yet" : level).Append("</span> <span class=\"muted\">over ")
            .Append(health.ApiEvents).Append(" API events</span></h2><ul>");
        foreach (var reason in health.Reasons)
            html.Append("<li>").Append(Encode(reason)).Append("</li>");
        html.Append("</ul>");
        if (health.TagEvents.Count > 0)
            html.Append("<p class=\"muted\">Tag events seen: ").Append(Encode(string.Join(", ", health.TagEvents))).Append("</p>");
    }

    private static void ByEvent(StringBuilder html, IReadOnlyList<SandboxEventCounts> rows)
    {
        html.Append("<h2>By event and channel</h2>");
        if (rows.Count == 0) { html.Append("<p class=\"muted\">Nothing received yet.</p>"); return; }
        html.Append("<table><tr><th>event_name</th><th>channel</th><th class=n>received</th><th class=n>processed</th>")
            .Append("<th class=n>failed</th><th class=n>conversions</th><th class=n>deduplicated</th><th class=n>duplicate receipts</th>")
            .Append("<th class=n>late</th><th class=n>reported offline</th></tr>");
        foreach (var row in rows)
        {
            html.Append("<tr><td><code>").Append(Encode(row.EventName)).Append("</code></td><td>").Append(Encode(row.Channel)).Append("</td>");
            foreach (var n in (long[])[row.Received, row.Processed, row.Failed, row.Conversions, row.Deduplicated, row.DuplicateReceipts, row.Late, row.ReportedAsOffline])
                html.Append("<td class=n>").Append(n).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</table>");
    }

    private static void Recent(StringBuilder html, IReadOnlyList<SandboxEventRecord> events)
    {
        html.Append("<h2>Recent events</h2>");
        if (events.Count == 0) { html.Append("<p class=\"muted\">Nothing received yet.</p>"); return; }
        html.Append("<table><tr><th>received</th><th>channel</th><th>event_name</th><th>event_id</th><th>action_source</th>")
            .Append("<th>status</th><th>notes</th></tr>");
        foreach (var e in events)
        {
            var status = e.Status == "failed" ? "failed" : e.Deduplicated ? "deduplicated" : e.Status;
            html.Append("<tr><td>").Append(Encode(e.ReceivedAt.ToString("HH:mm:ss", CultureInfo.InvariantCulture)))
                .Append("</td><td>").Append(Encode(e.Channel))
                .Append("</td><td><code>").Append(Encode(e.EventName))
                .Append("</code></td><td><code>").Append(Encode(e.EventId))
                .Append("</code></td><td>").Append(Encode(e.ActionSource))
                .Append("</td><td class=\"").Append(status == "processed" ? "" : status == "failed" ? "failed" : "dedup").Append("\">")
                .Append(status).Append("</td><td>").Append(Encode(Notes(e))).Append("</td></tr>");
        }
        html.Append("</table>");
    }

    private static void Requests(StringBuilder html, SandboxRequestCounts requests, SandboxFaultPlan faults)
    {
        html.Append("<h2>Requests</h2><p>").Append(requests.Total).Append(" to the events endpoint (")
            .Append(requests.Test).Append(" test, ").Append(requests.Faulted).Append(" answered by a fault)");
        foreach (var (status, count) in requests.ByStatus)
            html.Append(" · ").Append(Encode(status)).Append(": ").Append(count);
        html.Append("</p><p class=\"muted\">Fault plan: ");
        if (faults.Rules.Count == 0) html.Append("none");
        foreach (var rule in faults.Rules)
        {
            html.Append("<br>").Append(Encode(rule.Kind.ToString()));
            if (rule.Status is { } s) html.Append(' ').Append(s);
            if (rule.DelayMilliseconds is { } d) html.Append(", delay ").Append(d).Append(" ms");
            html.Append(rule.Count is { } c ? $", {c} left" : ", no limit");
            if (rule.Rate is { } r) html.Append(", rate ").Append(r.ToString(CultureInfo.InvariantCulture));
        }
        html.Append("</p>");
    }

    private static string Notes(SandboxEventRecord e)
    {
        var notes = new List<string>(3);
        if (e.DuplicateReceipt && !e.Deduplicated) notes.Add("duplicate receipt, kept");
        if (e.Late) notes.Add("late: reported as offline");
        if (e.Message is { Length: > 0 } message) notes.Add(message);
        return string.Join("; ", notes);
    }

    private static void Card(StringBuilder html, long value, string label) =>
        html.Append("<div class=\"card\"><b>").Append(value).Append("</b><span>").Append(label).Append("</span></div>");

    private static string Encode(string? text) => text is null ? "" : s_html.Encode(text);
}
