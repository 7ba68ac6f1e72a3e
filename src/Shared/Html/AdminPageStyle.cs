namespace Pinterest.Conversions.Html;

/// <summary>
/// The look the two server-rendered pages share, the sandbox's dashboard and the outbox page (linked into both
/// packages: neither references the other). Each page adds its own rules after these.
/// </summary>
internal static class AdminPageStyle
{
    public const string Common = """
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f6f4;color:#222}
        header{background:#e60023;color:#fff;padding:14px 24px}header h1{margin:0;font-size:19px}header p{margin:4px 0 0;opacity:.9}
        header a{color:#fff}main{padding:16px 24px;max-width:1400px}h2{font-size:15px;margin:22px 0 8px}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px}
        .card{background:#fff;border-radius:8px;padding:10px 14px;box-shadow:0 1px 2px #0001}
        .card b{display:block;font-size:22px}.card span{color:#666;font-size:12px}
        table{border-collapse:collapse;width:100%;background:#fff;border-radius:8px;overflow:hidden;box-shadow:0 1px 2px #0001}
        th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #eee;vertical-align:top}th{background:#fafafa;font-weight:600}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px;word-break:break-all}.muted{color:#777}

        """;
}
