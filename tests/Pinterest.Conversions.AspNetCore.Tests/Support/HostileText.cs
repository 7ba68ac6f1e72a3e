namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>
/// The corpus an attacker tried against the Tag and the dashboard (issue #13): each value tries to end the script
/// element, the JavaScript string or the HTML comment state, or to break the encoder.
/// </summary>
public static class HostileText
{
    public static readonly string OneMegabyte = new string('<', 1024 * 1024 / 2) + new string('\'', 1024 * 1024 / 2);

    public static IReadOnlyList<string> All { get; } =
    [
        "</script><script>window.__pwned=1</script>",
        "</SCRIPT ><script>window.__pwned=2</script>",
        "</script\t>x",
        "'); window.__pwned=3; ('",
        "\"); window.__pwned=4; (\"",
        "`${window.__pwned=5}`",
        "a\u2028b\u2029c",
        "<!--<script>",
        "-->",
        "\\'); window.__pwned=6; //",
        "\\",
        "lone \ud800 high",
        "lone \udc00 low",
        "<img src=x onerror=window.__pwned=7>",
        "&lt;/script&gt;",
        "\0nul",
        OneMegabyte,
    ];
}
