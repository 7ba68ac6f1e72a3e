using System.Net;
using Pinterest.Conversions.Sandbox;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>The runtime client over real loopback HTTP against the sandbox, without Hosting (one attempt per request).</summary>
public sealed class ClientTests : IAsyncLifetime
{
    private PinterestSandbox _sandbox = null!;
    private readonly HttpClient _http = new();
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    public async Task InitializeAsync() => _sandbox = await Sandboxes.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task SendsEvents_OneProcessedOutcomePerEvent_InOrder_WithRequestId()
    {
        var client = _sandbox.Client(_http);
        var events = Enumerable.Range(0, 5).Select(i => Make.Purchase($"order-{i}", Now)).ToArray();

        var result = await client.SendAsync(events);

        Assert.Equal(5, result.Processed);
        Assert.True(result.IsSuccess);
        Assert.Equal(Enumerable.Range(0, 5), result.Outcomes.Select(o => o.Index));
        Assert.Equal(events.Select(e => e.OrderId), result.Outcomes.Select(o => o.EventId));
        var request = Assert.Single(result.Requests);
        Assert.Equal(200, request.StatusCode);
        Assert.False(string.IsNullOrEmpty(request.RequestId));
        Assert.All(result.Outcomes, o => Assert.Equal(request.RequestId, o.RequestId));
        Assert.Equal(5, _sandbox.GetReport().Totals.Processed);
    }

    [Fact]
    public async Task AnInvalidRunTimeName_IsRejectedLocally_AndTheOutcomeDoesNotRepeatIt()
    {
        const string invalid = "john.doe@example.com";
        var client = _sandbox.Client(_http);
        var result = await client.SendAsync(new[] { new TenantEvent { Name = invalid, Id = "t-1", At = Now, Email = Make.Email } });

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(PinterestEventStatus.RejectedLocally, outcome.Status);
        Assert.Equal(PinterestUnsendableReason.InvalidEventName, outcome.Report.UnsendableReason);
        Assert.Equal("(invalid event name)", outcome.EventName);
        Assert.DoesNotContain(invalid, outcome.ToString() + outcome.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(result.Requests);
    }

    [Fact]
    public async Task PerCallAccount_IsUsed()
    {
        var client = new PinterestConversionsClient(_http, new PinterestConversionsClientOptions { BaseAddress = _sandbox.ApiRoot() });
        await Assert.ThrowsAsync<InvalidOperationException>(() => client.SendAsync(new[] { Make.Visit("v", Now) }));

        var result = await client.SendAsync(new PinterestAccount(Sandboxes.AdAccountId, Sandboxes.Token), new[] { Make.Visit("v-1", Now) });
        Assert.Equal(1, result.Processed);

        var other = await client.SendAsync(new PinterestAccount("123", Sandboxes.Token), new[] { Make.Visit("v-2", Now) });
        Assert.Equal(403, other.Requests[0].StatusCode);
        Assert.Equal(PinterestEventStatus.Failed, other.Outcomes[0].Status);
    }

    [Fact]
    public async Task TestOption_AddsTestTrue_AndNothingIsRecorded()
    {
        var client = _sandbox.Client(_http, o => o.Test = true);
        var result = await client.SendAsync(new[] { Make.Purchase("t-1", Now) });
        Assert.Equal(1, result.Processed);
        var report = _sandbox.GetReport();
        Assert.Equal(1, report.Requests.Test);
        Assert.Equal(0, report.Totals.Received);
    }

    [Fact]
    public async Task WrongToken_FailsEveryEvent_WithPinterestsMessage_AndNeverShowsTheToken()
    {
        const string wrong = "pina_WRONG_secret_123";
        var client = _sandbox.Client(_http, o => o.AccessToken = wrong);
        var result = await client.SendAsync(new[] { Make.Purchase("o-1", Now), Make.Purchase("o-2", Now) });

        Assert.Equal(2, result.Failed);
        Assert.Equal(401, result.Requests[0].StatusCode);
        Assert.Equal(2, result.Requests[0].ErrorCode);
        Assert.All(result.Outcomes, o => Assert.Contains("Authentication failed", o.Message));
        Assert.DoesNotContain(wrong, string.Join("\n", result.Outcomes.Select(o => o.ToString() + o.Message)) + result + result.Requests[0].ErrorMessage);
    }

    [Fact]
    public async Task Pinterest422Details_BecomePerEventOutcomes()
    {
        // Two minutes ahead: inside the client's 5-minute skew, outside the sandbox's 60-second tolerance.
        var client = _sandbox.Client(_http);
        var result = await client.SendAsync(new[] { Make.Purchase("ok-1", Now), Make.Purchase("future", Now.AddMinutes(2)), Make.Purchase("ok-2", Now) });

        Assert.Equal(422, result.Requests[0].StatusCode);
        Assert.Equal(953, result.Requests[0].ErrorCode);
        Assert.Equal([PinterestEventStatus.Processed, PinterestEventStatus.Failed, PinterestEventStatus.Processed], result.Outcomes.Select(o => o.Status));
        Assert.Contains("in the future", result.Outcomes[1].Message);
    }

    [Fact]
    public async Task Warnings_ArePassedThrough()
    {
        // Pinterest's own warning text (docs/pinterest-api.md §5.3).
        const string body = """{"num_events_received":2,"num_events_processed":2,"events":[{"status":"processed","error_message":"","warning_message":"'external_id' is not in sha256 hashed format"},{"status":"processed","error_message":"","warning_message":""}]}""";
        using var http = new HttpClient(new StubHandler(HttpStatusCode.OK, body));
        var result = await _sandbox.Client(http).SendAsync(new[] { Make.Purchase("w-1", Now), Make.Purchase("w-2", Now) });

        var warned = Assert.Single(result.Warnings);
        Assert.Equal(0, warned.Index);
        Assert.Equal("'external_id' is not in sha256 hashed format", warned.Warning);
        Assert.Equal("rid-42", result.Requests[0].RequestId);
        Assert.All(result.Outcomes, o => Assert.Equal(PinterestEventStatus.Processed, o.Status));
    }

    [Fact]
    public async Task AShortAnswer_LeavesEveryEventUnknown()
    {
        // The answer lists two of three events: it does not match the request one to one, so no event's fate is known
        // (docs/sending.md: such a request may have been processed).
        const string body = """{"num_events_received":3,"num_events_processed":2,"events":[{"status":"processed","error_message":"","warning_message":""},{"status":"processed","error_message":"","warning_message":""}]}""";
        using var http = new HttpClient(new StubHandler(HttpStatusCode.OK, body));
        var result = await _sandbox.Client(http).SendAsync(new[] { Make.Purchase("w-1", Now), Make.Purchase("w-2", Now), Make.Purchase("w-3", Now) });

        Assert.All(result.Outcomes, o => Assert.Equal(PinterestEventStatus.Unknown, o.Status));
        Assert.Equal(PinterestRequestVerdict.MayHaveBeenProcessed, PinterestRetryRules.Judge(200, PinterestTransportFailure.None, 3, 2));
    }

    [Fact]
    public async Task ProxyHtmlPage_502_IsUnknown_WithTheStatus()
    {
        using var http = new HttpClient(new StubHandler(HttpStatusCode.BadGateway, "<html>bad gateway</html>", "text/html"));
        var result = await _sandbox.Client(http).SendAsync(new[] { Make.Purchase("p-1", Now) });
        Assert.Equal(PinterestEventStatus.Unknown, result.Outcomes[0].Status);
        Assert.Contains("HTTP 502", result.Outcomes[0].Message);
    }

    [Fact]
    public async Task LocalRejections_AreNeverSent()
    {
        var client = _sandbox.Client(_http);
        Purchase?[] events =
        [
            Make.Purchase("ok", Now),
            new Purchase { OrderId = "no-identity", At = Now },
            Make.Purchase("future", Now.AddMinutes(10)),
            Make.Purchase("stale", Now.AddDays(-8)),
            null,
            Make.Purchase("", Now),
        ];

        var result = await client.SendAsync(events);

        Assert.Equal(
            [PinterestRejectionReason.None, PinterestRejectionReason.Unsendable, PinterestRejectionReason.EventTimeInFuture,
             PinterestRejectionReason.EventTimeTooOld, PinterestRejectionReason.NullEvent, PinterestRejectionReason.Unsendable],
            result.Outcomes.Select(o => o.RejectionReason));
        Assert.Equal(PinterestUnsendableReason.MissingUserIdentity, result.Outcomes[1].UnsendableReason);
        Assert.Equal(PinterestUnsendableReason.MissingEventId, result.Outcomes[5].UnsendableReason);
        Assert.Equal(1, result.Processed);
        Assert.Equal(5, result.RejectedLocally);
        Assert.Equal(1, _sandbox.GetReport().Totals.Received);
    }

    [Fact]
    public async Task OnlyRejections_SendNoRequest()
    {
        var result = await _sandbox.Client(_http).SendAsync(new[] { new Purchase { OrderId = "x", At = Now } });
        Assert.Empty(result.Requests);
        Assert.Equal(0, _sandbox.GetReport().Requests.Total);
    }

    [Fact]
    public async Task ThousandAndOneEvents_TwoRequests_AllProcessed()
    {
        var events = Enumerable.Range(0, 1001).Select(i => Make.Visit($"v-{i}", Now)).ToArray();
        var result = await _sandbox.Client(_http).SendAsync(events);
        Assert.Equal([1000, 1], result.Requests.Select(r => r.EventCount));
        Assert.Equal(1001, result.Processed);
        Assert.Equal(1000, result.Outcomes[1000].Index);
    }

    [Fact]
    public async Task BadInput_InvalidEmailAndHugeStrings_GiveClearOutcomes()
    {
        var huge = new string('x', 1 << 20);
        var result = await _sandbox.Client(_http).SendAsync(new[]
        {
            Make.Purchase("bad-email", Now, email: "not-an-email"),
            Make.Purchase("huge-email", Now, email: huge + "@example.com"),
            new Purchase { OrderId = "huge-only", At = Now, Email = huge },
        });

        // The invalid and too-long emails are dropped and reported; IP and user agent still carry the first two.
        Assert.Equal(PinterestEventStatus.Processed, result.Outcomes[0].Status);
        Assert.Equal(PinterestHashStatus.Invalid, result.Outcomes[0].Report.GetDropReason(PinterestField.Email));
        Assert.Equal(PinterestEventStatus.Processed, result.Outcomes[1].Status);
        Assert.Equal(PinterestHashStatus.TooLong, result.Outcomes[1].Report.GetDropReason(PinterestField.Email));
        Assert.Equal(PinterestRejectionReason.Unsendable, result.Outcomes[2].RejectionReason);
    }

    [Fact]
    public async Task Status429_WithoutRetryingHandler_IsFailedNotUnknown()
    {
        _sandbox.SetFaults(Sandboxes.Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 429, Count = 1 }));
        var result = await _sandbox.Client(_http).SendAsync(new[] { Make.Purchase("r-1", Now) });
        Assert.Equal(PinterestEventStatus.Failed, result.Outcomes[0].Status);
        Assert.Equal(8, result.Requests[0].ErrorCode);
    }

    [Theory]
    [InlineData(SandboxFaultKind.ResetAfter, 1)]
    [InlineData(SandboxFaultKind.ResetBefore, 0)]
    public async Task Reset_LeavesTheOutcomeUnknown_ForTheClientCannotTellWhetherItWasProcessed(SandboxFaultKind kind, int recorded)
    {
        _sandbox.SetFaults(Sandboxes.Plan(new SandboxFaultRule { Kind = kind, Count = 1 }));
        var result = await _sandbox.Client(_http).SendAsync(new[] { Make.Purchase("off-1", Now, ActionSource.Offline) });
        Assert.Equal(PinterestEventStatus.Unknown, result.Outcomes[0].Status);
        Assert.Null(result.Requests[0].StatusCode);
        Assert.True(result.Requests[0].HasOfflineEvents);
        Assert.Equal(recorded, _sandbox.GetReport().Totals.Received);
    }

    [Fact]
    public async Task ServerError500_IsUnknown()
    {
        _sandbox.SetFaults(Sandboxes.Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 500, Count = 1 }));
        var result = await _sandbox.Client(_http).SendAsync(new[] { Make.Purchase("s-1", Now) });
        Assert.Equal(PinterestEventStatus.Unknown, result.Outcomes[0].Status);
    }

    [Fact]
    public async Task ConnectionRefused_IsFailed_NotSent()
    {
        var port = _sandbox.BaseAddress.Port;
        await _sandbox.DisposeAsync();
        var client = new PinterestConversionsClient(_http, new PinterestConversionsClientOptions
        {
            AdAccountId = Sandboxes.AdAccountId, AccessToken = Sandboxes.Token, BaseAddress = new Uri($"http://127.0.0.1:{port}/v5/"),
        });
        var result = await client.SendAsync(new[] { Make.Purchase("c-1", Now) });
        Assert.Equal(PinterestEventStatus.Failed, result.Outcomes[0].Status);
        Assert.Contains("could not be sent", result.Outcomes[0].Message);
        _sandbox = await Sandboxes.StartAsync();
    }

    [Theory]
    [InlineData("http://api.example.com/v5/", false)]
    [InlineData("https://api.example.com/v5/", true)]
    [InlineData("http://127.0.0.1:5080/v5/", true)]
    [InlineData("http://localhost:5080/", true)]
    [InlineData("http://[::1]:5080/", true)]
    [InlineData("ftp://127.0.0.1/", false)]
    public void HttpsOnly_ExceptLoopback(string address, bool allowed)
    {
        var options = new PinterestConversionsClientOptions { BaseAddress = new Uri(address) };
        if (allowed) _ = new PinterestConversionsClient(_http, options);
        else Assert.Throws<ArgumentException>(() => new PinterestConversionsClient(_http, options));
    }

    [Fact]
    public void Account_NeverShowsTheToken()
    {
        const string token = "pina_secret_ABCDEF";
        var account = new PinterestAccount("549755885175", token);
        Assert.DoesNotContain(token, account.ToString());
        var error = Assert.Throws<ArgumentException>(() => new PinterestAccount("abc", token));
        Assert.DoesNotContain(token, error.Message);
        var options = new PinterestConversionsClientOptions { AdAccountId = "12x", AccessToken = "pina secret with space" };
        Assert.DoesNotContain("secret", string.Join(" ", options.GetValidationErrors()));
    }

    [Fact]
    public async Task RequestBody_IsTheGeneratedJson_JoinedInOrder()
    {
        var captured = new CapturingHandler();
        using var http = new HttpClient(captured);
        var events = new[] { Make.Purchase("a", Now), Make.Purchase("b", Now) };
        await _sandbox.Client(http).SendAsync(events);
        var expected = PinterestJson.SerializeRequest(events, new PinterestWriteContext(TimeProvider.System));
        Assert.Equal(expected, captured.Bodies.Single());
        Assert.Equal("Bearer", captured.Authorization!.Scheme);
    }

    private sealed class StubHandler(HttpStatusCode status, string body, string mediaType = "application/json") : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, mediaType) };
            response.Headers.Add("x-pinterest-rid", "rid-42");
            return Task.FromResult(response);
        }
    }

    private sealed class CapturingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<string> Bodies { get; } = [];
        public System.Net.Http.Headers.AuthenticationHeaderValue? Authorization { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            Authorization = request.Headers.Authorization;
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
