using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary>
/// A request body read whole, at most a limit: the sandbox decides what it holds, whatever the server's own limit.
/// Plain arrays, not pooled: a 20 MB body is given back to the GC with the request instead of staying in a pool.
/// </summary>
internal sealed class RequestBody
{
    /// <summary>
    /// The events endpoint's limit: 1000 large events of 20 KB each (a checkout with 100 line items and 100 content ids,
    /// every user_data field, a long URL and user agent), below Kestrel's 30 MB default (docs/sandbox.md).
    /// </summary>
    public const int MaxEventsRequestBytes = 20 * 1024 * 1024;

    /// <summary>The limit of the sandbox's own endpoints (a Tag event, a fault plan).</summary>
    public const int MaxSmallRequestBytes = 1024 * 1024;

    private readonly byte[] _buffer;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>True when the bytes are well-formed UTF-8 (JSON must be; invalid text is a 400, not a 500).</summary>
    public bool IsValidUtf8 => Utf8.IsValid(Memory.Span);

    /// <summary>
    /// How much of a body over the limit is read and thrown away before the 413, so that a client that reads no answer
    /// before it has sent its body still gets it; beyond that the connection is closed.
    /// </summary>
    private const int MaxDiscardedBytes = 64 * 1024 * 1024;

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (the rest is then discarded, not kept).</summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        // The sandbox keeps at most the limit and discards the rest, so the server's own cap is raised to what it discards.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
            serverLimit.MaxRequestBodySize = MaxDiscardedBytes;
        if (request.ContentLength > limit) return await DiscardAsync(request, 0, cancellationToken);
        // One byte over the limit tells a body that is too long from one that fits exactly.
        var buffer = new byte[(int)Math.Min(limit + 1L, (request.ContentLength ?? 16 * 1024) + 1)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit) return await DiscardAsync(request, length, cancellationToken);
                Array.Resize(ref buffer, (int)Math.Min(limit + 1L, buffer.Length * 2L));
            }
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0) break;
            length += read;
        }
        return length > limit ? null : new RequestBody(buffer, length);
    }

    private static async Task<RequestBody?> DiscardAsync(HttpRequest request, long alreadyRead, CancellationToken cancellationToken)
    {
        var scratch = new byte[64 * 1024];
        try
        {
            for (var total = alreadyRead; total < MaxDiscardedBytes;)
            {
                var read = await request.Body.ReadAsync(scratch, cancellationToken);
                if (read == 0) break;
                total += read;
            }
        }
        catch (BadHttpRequestException)
        {
            // Past the server's cap: the 413 is written and the connection closed.
        }
        return null;
    }
}
