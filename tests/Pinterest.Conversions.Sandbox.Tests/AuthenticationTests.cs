using Microsoft.Extensions.Time.Testing;
using System.Net;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>Bearer authentication (docs/pinterest-api.md §1; 401 code 2, §3.2), and a token never shown back.</summary>
public sealed class AuthenticationTests
{
    private static readonly FakeTimeProvider Clock = Clocks.Start();
    private static string Body => Bodies.Request(Bodies.Event(Clock.UnixNow()));

    [Fact]
    public async Task Missing_token_is_401_code_2()
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);

        var response = await client.PostEvents(Body, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(2, response.Code);
        Assert.Equal("Authentication failed.", response.Message);
        Assert.Equal(0, sandbox.GetReport().Totals.Received);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    [InlineData("token-without-scheme")]
    public async Task Malformed_authorization_is_401(string header)
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);
        var request = new HttpRequestMessage(HttpMethod.Post, "v5/ad_accounts/1/events") { Content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var response = await client.Send(request, checkShape: true);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(2, response.Code);
    }

    [Theory]
    [InlineData("pina_anything")]
    [InlineData("x")]
    public async Task Any_non_empty_token_is_accepted_when_none_is_configured(string token)
    {
        await using var sandbox = await Sandboxes.Start(Clock);
        using var client = new SandboxClient(sandbox);

        var response = await client.PostEvents(Body, token: token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Only_the_configured_token_is_accepted_and_the_scheme_is_case_insensitive()
    {
        await using var sandbox = await Sandboxes.Start(Clock, o => o.AccessToken = "pina_the-right-one");
        using var client = new SandboxClient(sandbox);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostEvents(Body, token: "pina_the-wrong-one")).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(Body, token: "pina_the-right-one")).Status);

        var lower = new HttpRequestMessage(HttpMethod.Post, "v5/ad_accounts/1/events") { Content = new StringContent(Body, System.Text.Encoding.UTF8, "application/json") };
        lower.Headers.TryAddWithoutValidation("Authorization", "bearer pina_the-right-one");
        Assert.Equal(HttpStatusCode.OK, (await client.Send(lower, checkShape: true)).Status);
    }

    [Fact]
    public async Task A_wrong_token_appears_neither_in_the_response_nor_in_any_log_line()
    {
        const string wrong = "pina_SECRET-wrong-token-0123456789";
        const string right = "pina_SECRET-right-token-9876543210";
        var logs = new CapturingLoggerProvider();
        await using var sandbox = await Sandboxes.Start(Clock, o =>
        {
            o.AccessToken = right;
            o.ConfigureLogging = l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        });
        using var client = new SandboxClient(sandbox);

        var rejected = await client.PostEvents(Body, token: wrong);
        var accepted = await client.PostEvents(Body, token: right);

        Assert.Equal(HttpStatusCode.Unauthorized, rejected.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.DoesNotContain("SECRET", rejected.Body);
        Assert.DoesNotContain("SECRET", string.Join("\n", rejected.Headers.SelectMany(h => h.Value)));
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, l => l.Contains("not authenticated", StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET", logs.All);
    }
}
