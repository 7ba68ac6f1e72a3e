using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Xunit;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>The retry rules of docs/sending.md, one by one.</summary>
public class RetryRulesTests
{
    [Theory]
    [InlineData(429, false, true)]
    [InlineData(429, true, true)]     // rate limited: not processed, always retried
    [InlineData(503, false, true)]
    [InlineData(503, true, true)]     // ramped down: not processed, always retried
    [InlineData(500, false, true)]
    [InlineData(500, true, false)]    // may have been processed: only without offline events
    [InlineData(502, false, true)]
    [InlineData(502, true, false)]
    [InlineData(504, false, true)]
    [InlineData(504, true, false)]
    [InlineData(408, false, true)]
    [InlineData(408, true, false)]
    [InlineData(400, false, false)]
    [InlineData(401, false, false)]
    [InlineData(403, false, false)]
    [InlineData(422, false, false)]
    [InlineData(422, true, false)]
    [InlineData(200, false, false)]
    [InlineData(404, false, false)]
    public void Statuses(int status, bool offline, bool retry) =>
        Assert.Equal(retry, PinterestRetryRules.ShouldRetry(status, PinterestTransportFailure.None, offline));

    [Theory]
    [InlineData(PinterestTransportFailure.NotSent, false, true)]
    [InlineData(PinterestTransportFailure.NotSent, true, true)]           // never reached Pinterest: always retried
    [InlineData(PinterestTransportFailure.LostAfterSending, false, true)]
    [InlineData(PinterestTransportFailure.LostAfterSending, true, false)] // reset after sending: only without offline events
    [InlineData(PinterestTransportFailure.TimedOut, false, true)]
    [InlineData(PinterestTransportFailure.TimedOut, true, false)]
    [InlineData(PinterestTransportFailure.None, false, false)]
    public void TransportFailures(PinterestTransportFailure failure, bool offline, bool retry) =>
        Assert.Equal(retry, PinterestRetryRules.ShouldRetry(null, failure, offline));

    [Theory]
    [InlineData(429, false)]
    [InlineData(503, false)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(400, false)]
    public void MayHaveBeenProcessed_ByStatus(int status, bool maybe) =>
        Assert.Equal(maybe, PinterestRetryRules.MayHaveBeenProcessed(status, PinterestTransportFailure.None));

    [Fact]
    public void Classify_ConnectionRefused_IsNotSent()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused));
        Assert.Equal(PinterestTransportFailure.NotSent, PinterestRetryRules.Classify(refused));
        Assert.Equal(PinterestTransportFailure.NotSent, PinterestRetryRules.Classify(new HttpRequestException(HttpRequestError.NameResolutionError)));
    }

    [Fact]
    public void Classify_ResponseEnded_IsLostAfterSending()
    {
        var ended = new HttpRequestException(HttpRequestError.ResponseEnded, "ended", new IOException("reset"));
        Assert.Equal(PinterestTransportFailure.LostAfterSending, PinterestRetryRules.Classify(ended));
        Assert.Equal(PinterestTransportFailure.LostAfterSending, PinterestRetryRules.Classify(new IOException("reset by peer")));
    }

    [Fact]
    public void Classify_Timeouts()
    {
        Assert.Equal(PinterestTransportFailure.TimedOut, PinterestRetryRules.Classify(new TaskCanceledException("t", new TimeoutException())));
        Assert.Equal(PinterestTransportFailure.TimedOut, PinterestRetryRules.Classify(new TimeoutException()));
    }

    [Fact]
    public void RetryAfter_SecondsAndDate()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        Assert.Equal(TimeSpan.FromSeconds(7), PinterestRetryRules.GetRetryAfter(seconds, now));

        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(30).ToString("R"));
        Assert.Equal(TimeSpan.FromSeconds(30), PinterestRetryRules.GetRetryAfter(date, now));

        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        Assert.Null(PinterestRetryRules.GetRetryAfter(none, now));
    }

    [Fact]
    public void State_RemembersThatAnEarlierAttemptMayHaveBeenProcessed()
    {
        var state = new PinterestSendAttemptState(10, hasOfflineEvents: false);
        Assert.True(state.RecordAttempt(null, PinterestTransportFailure.LostAfterSending));
        Assert.True(state.RecordAttempt(429, PinterestTransportFailure.None));
        Assert.Equal(2, state.Attempts);
        Assert.True(state.MayHaveBeenProcessed);

        var offline = new PinterestSendAttemptState(10, hasOfflineEvents: true);
        Assert.True(offline.RecordAttempt(503, PinterestTransportFailure.None));
        Assert.False(offline.MayHaveBeenProcessed);
        Assert.False(offline.RecordAttempt(500, PinterestTransportFailure.None));
        Assert.True(offline.MayHaveBeenProcessed);
    }
}
