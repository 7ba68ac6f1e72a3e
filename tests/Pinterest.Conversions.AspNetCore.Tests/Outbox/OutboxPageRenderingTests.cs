using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Pinterest.Conversions.AspNetCore.Outbox;
using Pinterest.Conversions.Hosting;
using Xunit;

namespace Pinterest.Conversions.AspNetCore.Tests.Outbox;

/// <summary>The outbox page's HTML: every value the outbox or Pinterest gave is text, never markup.</summary>
public sealed partial class OutboxPageRenderingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    private static OutboxPageModel Model(string hostile, OutboxPageNotice? notice = null) => new(
        Title: "Ops " + hostile,
        PagePath: "/pinterest/outbox",
        Statistics: new PinterestOutboxStatistics(3, 1, 2, TimeSpan.FromMinutes(75),
        [
            new PinterestOutboxAccountStatistics(null, 1, 1, 2, TimeSpan.FromSeconds(5), isPaused: false),
            new PinterestOutboxAccountStatistics(hostile, 2, 0, 0, TimeSpan.FromMinutes(75), isPaused: true),
        ]),
        Paused: [new PinterestPausedAccount(hostile, "Pinterest answered HTTP 401: " + hostile, Now.AddSeconds(30))],
        Parked:
        [
            new PinterestParkedEvent("41", hostile, hostile, hostile, isOffline: false, Now.AddHours(-2), Now.AddHours(-1), 1,
                PinterestParkReason.Rejected, hostile, Now.AddMinutes(-59)),
            new PinterestParkedEvent("42", null, "checkout", "store-7", isOffline: true, Now.AddHours(-3), null, 0,
                PinterestParkReason.Expired, null, Now.AddMinutes(-1)),
        ],
        After: null,
        NextAfter: "42",
        AntiforgeryField: "__RequestVerificationToken",
        AntiforgeryToken: "CfDJ8-token",
        Notice: notice,
        Now: Now);

    public static TheoryData<string> Hostile() => new(HostileText.All.Where(t => t.Length < 1000));

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_event_ids_messages_accounts_and_names_are_encoded(string hostile)
    {
        var html = OutboxPage.Render(Model(hostile));

        // The page has no script, no image and no comment of its own: any that appears came from a value.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<!--", html, StringComparison.Ordinal);
        if (hostile.AsSpan().IndexOfAny("<>&\"'") >= 0) Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);
        // Every tag is one of the page's own.
        var tags = TagName().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
        Assert.Subset(s_pageTags, tags);
    }

    [Fact]
    public void A_script_event_id_is_shown_as_its_text()
    {
        var html = OutboxPage.Render(Model("<script>alert(1)</script>"));
        Assert.Contains("<code class=\"event-id\">&lt;script&gt;alert(1)&lt;/script&gt;</code>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_style_element_is_the_one_the_content_security_policy_allows()
    {
        var html = OutboxPage.Render(Model("x"));
        var style = Regex.Match(html, "<style>(.*?)</style>", RegexOptions.Singleline).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style)));
        Assert.Contains($"style-src 'sha256-{hash}'", OutboxPage.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<style"));
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal); // inline style attributes would be blocked
    }

    [Fact]
    public void Each_parked_event_has_redrive_and_purge_forms_with_the_token_and_an_expired_one_cannot_be_redriven()
    {
        var html = OutboxPage.Render(Model("acme"));

        Assert.Equal(4, Regex.Matches(html, "<form method=\"post\"").Count);
        Assert.Equal(4, Regex.Matches(html, "name=\"__RequestVerificationToken\" value=\"CfDJ8-token\"").Count);
        Assert.Equal(2, Regex.Matches(html, "action=\"/pinterest/outbox/redrive\"").Count);
        Assert.Equal(2, Regex.Matches(html, "action=\"/pinterest/outbox/purge\"").Count);
        var expiredRow = Regex.Match(html, "<tr data-id=\"42\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Matches("class=\"redrive\" disabled", expiredRow);
        Assert.Contains("<a id=\"next-page\" href=\"/pinterest/outbox?after=42\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_shows_counts_ages_and_who_is_paused_never_a_payload()
    {
        var html = OutboxPage.Render(Model("acme", new OutboxPageNotice(OutboxPageEndpoints.RedrivePath, 2)));

        Assert.Contains("<div class=\"card\" id=\"total-pending\"><b>3</b>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"card\" id=\"oldest-pending\"><b>1 h 15 min</b>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"card\" id=\"paused-accounts\"><b>1</b>", html, StringComparison.Ordinal);
        Assert.Contains("<tr data-account=\"acme\"><td>acme</td><td class=\"n pending\">2</td>", html, StringComparison.Ordinal);
        Assert.Contains("Pinterest answered HTTP 401: acme", html, StringComparison.Ordinal);
        Assert.Contains("2 parked events sent again, as new.", html, StringComparison.Ordinal);
        // The model has no payload to show: what the page knows of an event is PinterestParkedEvent's fields.
        Assert.DoesNotContain("client_ip_address", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "–")]
    [InlineData(45.9, "45 s")]
    [InlineData(725.0, "12 min 5 s")]
    [InlineData(11_520.0, "3 h 12 min")]
    [InlineData(187_200.0, "2 d 4 h")]
    public void Ages_are_short(double? seconds, string expected) =>
        Assert.Equal(expected, OutboxPage.Age(seconds is { } s ? TimeSpan.FromSeconds(s) : null));

    private static readonly HashSet<string> s_pageTags =
        ["html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "a", "main", "div", "b", "span", "table", "tr", "th", "td",
         "code", "form", "input", "button"];

    [GeneratedRegex("<([a-zA-Z][a-zA-Z0-9]*)")]
    private static partial Regex TagName();
}
