using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace Pinterest.Conversions.AspNetCore.Tests.Outbox;

/// <summary>Who may reach the outbox page, over real Kestrel: the policy, the antiforgery token, and the map-time refusal.</summary>
public sealed partial class OutboxPageAccessTests
{
    [Fact]
    public async Task Without_a_signed_in_user_the_page_and_its_actions_are_refused()
    {
        await using var host = await OutboxPageHost.StartAsync();
        using var http = Client(host, out _);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(OutboxPageHost.PagePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(OutboxPageHost.PagePath + "/purge", Form(("id", "1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(OutboxPageHost.PagePath + "/redrive", Form(("id", "1")))).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_outside_the_policy_is_forbidden()
    {
        await using var host = await OutboxPageHost.StartAsync();
        using var http = Client(host, out _);
        await http.GetAsync("/login?role=shopper");

        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(OutboxPageHost.PagePath)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync(OutboxPageHost.PagePath + "/purge", Form(("id", "1")))).StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused_and_with_it_purges()
    {
        await using var host = await OutboxPageHost.StartAsync();
        await host.SeedAsync();
        var parked = new List<string>();
        await foreach (var p in host.Outbox.GetParkedAsync()) parked.Add(p.Id);
        using var http = Client(host, out _);
        await http.GetAsync("/login?role=ops");
        var page = await http.GetStringAsync(OutboxPageHost.PagePath);
        var token = TokenField().Match(page);
        Assert.True(token.Success, "the page carries an antiforgery token");

        // The operator's cookies, but no token in the form (what a cross-site form would send): 400, nothing purged.
        var refused = await http.PostAsync(OutboxPageHost.PagePath + "/purge", Form(("id", parked[0])));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var forged = await http.PostAsync(OutboxPageHost.PagePath + "/purge", Form(("id", parked[0]), (token.Groups[1].Value, "forged")));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(2, (await host.Outbox.GetStatisticsAsync()).Parked);

        // With the page's token: purged, and a 303 back to the page with the count.
        var done = await http.PostAsync(OutboxPageHost.PagePath + "/purge", Form(("id", parked[0]), (token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value))));
        Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
        Assert.Equal(OutboxPageHost.PagePath + "?purged=1", done.Headers.Location?.OriginalString);
        Assert.Equal(1, (await host.Outbox.GetStatisticsAsync()).Parked);

        // A malformed id is the form's error, not the store's.
        var malformed = await http.PostAsync(OutboxPageHost.PagePath + "/purge", Form(("id", "1 OR 1=1"), (token.Groups[1].Value, WebUtility.HtmlDecode(token.Groups[2].Value))));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(1, (await host.Outbox.GetStatisticsAsync()).Parked);
    }

    [Fact]
    public async Task The_page_forbids_script_framing_and_caching()
    {
        await using var host = await OutboxPageHost.StartAsync();
        using var http = Client(host, out _);
        await http.GetAsync("/login?role=ops");
        var response = await http.GetAsync(OutboxPageHost.PagePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public void Outside_Development_without_a_policy_mapping_is_refused_and_says_what_to_set()
    {
        foreach (var environment in new[] { "Production", "Staging" })
        {
            var app = App(environment);
            var error = Assert.Throws<InvalidOperationException>(() => app.MapPinterestOutbox());
            Assert.Contains($"'{environment}'", error.Message);
            Assert.Contains("AuthorizationPolicy", error.Message);
            // A blank name is no policy.
            Assert.Throws<InvalidOperationException>(() => app.MapPinterestOutbox("/ops", o => o.AuthorizationPolicy = " "));
        }
        App("Production").MapPinterestOutbox("/pinterest/outbox", o => o.AuthorizationPolicy = OutboxPageHost.Policy);
    }

    [Fact]
    public void Mapping_needs_antiforgery_and_with_a_policy_authorization()
    {
        var noAntiforgery = App("Development", antiforgery: false);
        Assert.Contains("AddAntiforgery", Assert.Throws<InvalidOperationException>(() => noAntiforgery.MapPinterestOutbox()).Message);
        var noAuthorization = App("Production", authorization: false);
        Assert.Contains("AddAuthorization", Assert.Throws<InvalidOperationException>(
            () => noAuthorization.MapPinterestOutbox("/pinterest/outbox", o => o.AuthorizationPolicy = OutboxPageHost.Policy)).Message);
    }

    [Fact]
    public async Task In_Development_without_a_policy_the_page_is_open()
    {
        await using var host = await OutboxPageHost.StartAsync(environment: "Development", policy: null);
        using var http = Client(host, out _);
        var response = await http.GetAsync(OutboxPageHost.PagePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Pinterest outbox</h1>", await response.Content.ReadAsStringAsync());
    }

    private static WebApplication App(string environment, bool antiforgery = true, bool authorization = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        if (antiforgery) builder.Services.AddAntiforgery();
        if (authorization) builder.Services.AddAuthorizationBuilder().AddPolicy(OutboxPageHost.Policy, p => p.RequireRole("ops"));
        builder.Services.AddPinterestConversions(o => { o.AdAccountId = OutboxPageHost.DefaultAdAccountId; o.AccessToken = OutboxPageHost.GoodToken; });
        return builder.Build();
    }

    /// <summary>A client that keeps cookies and shows redirects (the 303 after a POST) instead of following them.</summary>
    private static HttpClient Client(OutboxPageHost host, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(host.BaseUrl) };
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\">")]
    private static partial Regex TokenField();
}
