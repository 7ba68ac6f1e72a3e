using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>
/// The spans of <see cref="PinterestTracing"/>, collected with an <see cref="ActivityListener"/> as the OpenTelemetry SDK
/// would: one per request (parent of the HttpClient's spans) and one per queue flush, with counts and ids and never a
/// token or a personal value.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private PinterestSandbox _sandbox = null!;
    private readonly HttpClient _http = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    // The test's own source: a parent span per test picks this test's spans out of a process shared with other tests.
    private static readonly ActivitySource s_test = new("Pinterest.Conversions.Sending.Tests.Tracing");

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PinterestTracing.SourceName or "System.Net.Http" || source == s_test,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async Task InitializeAsync() => _sandbox = await Sandboxes.StartAsync();

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        _http.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task ARequest_IsOneSpan_WithCountsStatusAndRequestId_AndTheHttpClientSpanBeneathIt()
    {
        var client = _sandbox.Client(_http);
        using var root = s_test.StartActivity("test")!;

        var result = await client.SendAsync(new[] { Make.Purchase("trace-1", DateTimeOffset.UtcNow), Make.Purchase("trace-2", DateTimeOffset.UtcNow) });
        root.Stop();

        var send = Assert.Single(Spans(root, PinterestTracing.SendActivityName));
        Assert.Equal(root.SpanId, send.ParentSpanId);
        Assert.Equal(PinterestTracing.SourceName, send.Source.Name);
        Assert.Equal(2, send.GetTagItem(PinterestTracing.EventCountTag));
        Assert.Equal(Sandboxes.AdAccountId, send.GetTagItem(PinterestTracing.AdAccountIdTag));
        Assert.Equal(200, send.GetTagItem(PinterestTracing.StatusCodeTag));
        Assert.Equal(1, send.GetTagItem(PinterestTracing.AttemptsTag));
        Assert.Equal(result.Requests[0].RequestId, send.GetTagItem(PinterestTracing.RequestIdTag));
        Assert.Equal("Answered", send.GetTagItem(PinterestTracing.VerdictTag));
        Assert.Equal(false, send.GetTagItem(PinterestTracing.HasOfflineEventsTag));
        Assert.Equal(ActivityStatusCode.Unset, send.Status);
        Assert.Null(send.GetTagItem(PinterestTracing.AccountTag)); // no flush around a direct send

        // The HttpClient's span of the attempt is the request span's child: one trace from the app to the wire.
        var http = Assert.Single(_stopped, a => a.Source.Name == "System.Net.Http" && a.TraceId == root.TraceId);
        Assert.Equal(send.SpanId, http.ParentSpanId);
        AssertNoSecretsOrPersonalValues(send);
    }

    [Fact]
    public async Task AFailedRequest_IsAnErrorSpan_NamingTheStatus_AndEveryRetry_IsAnHttpSpanBeneathIt()
    {
        _sandbox.SetFaults(Sandboxes.Plan(new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 503, Count = 100 }));
        var services = new ServiceCollection();
        services.AddPinterestConversions(o =>
        {
            o.AdAccountId = Sandboxes.AdAccountId;
            o.AccessToken = Sandboxes.Token;
            o.BaseAddress = _sandbox.ApiRoot();
            o.Retry.MaxRetries = 2;
            o.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<PinterestConversionsClient>();
        using var root = s_test.StartActivity("test")!;

        await client.SendAsync(new[] { Make.Purchase("trace-503", DateTimeOffset.UtcNow) });
        root.Stop();

        var send = Assert.Single(Spans(root, PinterestTracing.SendActivityName));
        Assert.Equal(ActivityStatusCode.Error, send.Status);
        Assert.Equal("503", send.StatusDescription);
        Assert.Equal("503", send.GetTagItem(PinterestTracing.ErrorTypeTag));
        Assert.Equal(503, send.GetTagItem(PinterestTracing.StatusCodeTag));
        Assert.Equal(3, send.GetTagItem(PinterestTracing.AttemptsTag));
        var attempts = _stopped.Where(a => a.Source.Name == "System.Net.Http" && a.TraceId == root.TraceId).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(send.SpanId, a.ParentSpanId));
    }

    [Fact]
    public async Task AQueueFlush_IsARootSpan_ForItsAccount_AndItsRequestsAreItsChildren()
    {
        const string tenant = "tracing-tenant";
        var recorder = new Recorder();
        using var host = Hosts.Build(_sandbox, recorder, o =>
        {
            o.Accounts[tenant] = new PinterestAccountOptions { AdAccountId = Sandboxes.AdAccountId, AccessToken = Sandboxes.Token };
            // The three events make one flush as a full batch: a flush interval could end between two enqueues on a busy machine.
            o.Queue.BatchSize = 3;
            o.Queue.FlushInterval = TimeSpan.FromMinutes(1);
        });
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();

        // Enqueued inside an app's span; the flush runs later on the delivery loop, for no request of the app.
        using (s_test.StartActivity("app-request"))
        {
            for (var i = 0; i < 3; i++) Assert.Equal(PinterestEnqueueStatus.Enqueued, queue.Enqueue(Make.Purchase($"flush-{i}", DateTimeOffset.UtcNow), tenant).Status);
        }
        await recorder.WaitForAsync(3);
        await host.StopAsync();

        var flush = Assert.Single(_stopped, a => a.OperationName == PinterestTracing.FlushActivityName && tenant.Equals(a.GetTagItem(PinterestTracing.AccountTag)));
        Assert.Equal(default, flush.ParentSpanId);
        Assert.Equal(3, flush.GetTagItem(PinterestTracing.EventCountTag));
        var send = Assert.Single(_stopped, a => a.OperationName == PinterestTracing.SendActivityName && a.ParentSpanId == flush.SpanId);
        Assert.Equal(tenant, send.GetTagItem(PinterestTracing.AccountTag));
        Assert.Equal(3, send.GetTagItem(PinterestTracing.EventCountTag));
        AssertNoSecretsOrPersonalValues(flush);
        AssertNoSecretsOrPersonalValues(send);
    }

    private List<Activity> Spans(Activity root, string name) =>
        _stopped.Where(a => a.TraceId == root.TraceId && a.OperationName == name).ToList();

    private static void AssertNoSecretsOrPersonalValues(Activity span)
    {
        var text = string.Join("\n", span.TagObjects.Select(t => $"{t.Key}={t.Value}")) + span.StatusDescription + span.DisplayName;
        foreach (var secret in new[] { Sandboxes.Token, Make.Email, Make.Email.ToLowerInvariant(), Make.Ip, Make.UserAgent })
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
    }
}
