using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Pinterest.Conversions.Testing;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests.Support;

/// <summary>A response read in full, its body checked against Pinterest's shapes.</summary>
internal sealed record SandboxResponse(HttpStatusCode Status, string Body, HttpResponseHeaders Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public int Code => Json.GetProperty("code").GetInt32();

    public string Message => Json.GetProperty("message").GetString()!;

    /// <summary>The ConversionApiResponse: the body of a 200, the details of a 422.</summary>
    public JsonElement Events => Status == HttpStatusCode.OK ? Json : Json.GetProperty("details");

    public JsonElement Event(int i) => Events.GetProperty("events")[i];
}

/// <summary>Real loopback HTTP to a sandbox, bounded in time; every answer of the events endpoint is checked against the spec.</summary>
internal sealed class SandboxClient : IDisposable
{
    private readonly HttpClient _http;

    public SandboxClient(Uri baseAddress) =>
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(15) };

    public SandboxClient(PinterestSandbox sandbox) : this(sandbox.BaseAddress) { }

    public HttpClient Http => _http;

    public Task<SandboxResponse> PostEvents(string body, string account = "549755885175", string? token = "test-token", bool test = false, string? query = null, string contentType = "application/json")
    {
        var path = $"v5/ad_accounts/{account}/events" + (query ?? (test ? "?test=true" : ""));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        return Send(request, checkShape: true);
    }

    public Task<SandboxResponse> PostTag(string body) =>
        Send(new HttpRequestMessage(HttpMethod.Post, "sandbox/tag") { Content = Json(body) }, checkShape: false);

    public Task<SandboxResponse> Get(string path) => Send(new HttpRequestMessage(HttpMethod.Get, path), checkShape: false);

    public Task<SandboxResponse> Post(string path, string body) =>
        Send(new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(body) }, checkShape: false);

    public Task<SandboxResponse> Delete(string path) => Send(new HttpRequestMessage(HttpMethod.Delete, path), checkShape: false);

    public async Task<SandboxResponse> Send(HttpRequestMessage request, bool checkShape)
    {
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var result = new SandboxResponse(response.StatusCode, body, response.Headers);
        if (checkShape) PinterestShapes.AssertAnswer(result);
        return result;
    }

    public void Dispose() => _http.Dispose();

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

/// <summary>What Pinterest's spec says an answer looks like (docs/pinterest-api.md §3).</summary>
internal static class PinterestShapes
{
    public static void AssertAnswer(SandboxResponse response)
    {
        switch ((int)response.Status)
        {
            case 200:
                AssertConversionApiResponse(response.Body);
                break;
            case 422:
                var json = response.Json;
                Assert.Equal(["code", "details", "message"], json.EnumerateObject().Select(p => p.Name).Order());
                Assert.Equal(953, json.GetProperty("code").GetInt32());
                AssertConversionApiResponse(json.GetProperty("details").GetRawText());
                break;
            case 400 or 401 or 403 or 429 or 500 or 503:
                var error = response.Json;
                Assert.Equal(["code", "message"], error.EnumerateObject().Select(p => p.Name).Order());
                Assert.Equal(JsonValueKind.Number, error.GetProperty("code").ValueKind);
                Assert.Equal(JsonValueKind.String, error.GetProperty("message").ValueKind);
                break;
        }
    }

    public static void AssertConversionApiResponse(string json)
    {
        Assert.Empty(TestFiles.Validate(TestFiles.PinterestResponseSchema, json));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var events = root.GetProperty("events").EnumerateArray().ToArray();
        Assert.Equal(root.GetProperty("num_events_received").GetInt32(), events.Length);
        Assert.Equal(root.GetProperty("num_events_processed").GetInt32(), events.Count(e => e.GetProperty("status").GetString() == "processed"));
        foreach (var e in events)
        {
            // Pinterest sends empty strings, not nulls (docs/pinterest-api.md §3.1).
            Assert.Equal(JsonValueKind.String, e.GetProperty("error_message").ValueKind);
            Assert.Equal(JsonValueKind.String, e.GetProperty("warning_message").ValueKind);
        }
    }
}
