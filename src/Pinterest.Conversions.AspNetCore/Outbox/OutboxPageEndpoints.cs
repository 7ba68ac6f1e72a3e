using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Pinterest.Conversions.Hosting;

namespace Pinterest.Conversions.AspNetCore.Outbox;

/// <summary>
/// The page's handlers: GET renders it with a fresh antiforgery token; the POSTs check the token, redrive or purge the
/// chosen parked events and redirect back to the page (post-redirect-get), with only a count in the query.
/// </summary>
internal sealed class OutboxPageEndpoints(PinterestOutboxPageOptions options, ILogger logger)
{
    public const string RedrivePath = "redrive";
    public const string PurgePath = "purge";

    /// <summary>The form field that names a parked event (one per event).</summary>
    public const string IdField = "id";

    // More ids than a page shows is not a form of this page.
    private const int MaxIdsPerPost = PinterestOutboxPageOptions.MaxParkedPageSize;

    public async Task GetAsync(HttpContext http)
    {
        string? after = http.Request.Query["after"].ToString();
        if (after.Length == 0) after = null;
        else if (!IsId(after))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var outbox = http.RequestServices.GetRequiredService<IPinterestOutbox>();
        var statistics = await outbox.GetStatisticsAsync(http.RequestAborted).ConfigureAwait(false);
        // One more than a page: whether a next page exists.
        var parked = new List<PinterestParkedEvent>(Math.Min(options.ParkedPageSize, 64) + 1);
        await foreach (var p in outbox.GetParkedAsync(null, options.ParkedPageSize + 1, after, http.RequestAborted).ConfigureAwait(false))
            parked.Add(p);
        var nextAfter = parked.Count > options.ParkedPageSize ? parked[options.ParkedPageSize - 1].Id : null;
        if (nextAfter is not null) parked.RemoveAt(parked.Count - 1);

        var paused = http.RequestServices.GetService<PinterestHealthMonitor>()?.GetReport().PausedAccounts ?? [];
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var now = (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var model = new OutboxPageModel(options.Title, PagePath(http, suffix: null), statistics, paused, parked, after, nextAfter,
            tokens.FormFieldName, tokens.RequestToken ?? "", Notice(http.Request.Query), now);

        SecurityHeaders(http.Response);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(OutboxPage.Render(model), http.RequestAborted).ConfigureAwait(false);
    }

    public Task RedriveAsync(HttpContext http) => ActAsync(http, RedrivePath, async (outbox, ids, ct) =>
    {
        var count = await outbox.RedriveAsync(new PinterestOutboxSelection { Ids = ids }, ct).ConfigureAwait(false);
        OutboxPageLog.Redriven(logger, count, ids.Count);
        return count;
    });

    public Task PurgeAsync(HttpContext http) => ActAsync(http, PurgePath, async (outbox, ids, ct) =>
    {
        var count = await outbox.PurgeAsync(new PinterestOutboxSelection { Ids = ids }, releaseIdempotencyKeys: false, ct).ConfigureAwait(false);
        OutboxPageLog.Purged(logger, count, ids.Count);
        return count;
    });

    private static async Task ActAsync(HttpContext http, string action, Func<IPinterestOutbox, IReadOnlyCollection<string>, CancellationToken, Task<int>> act)
    {
        if (!http.Request.HasFormContentType)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("The form's antiforgery token is missing or invalid: reload the outbox page and try again.", http.RequestAborted).ConfigureAwait(false);
            return;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
        var ids = form[IdField].Where(id => id is not null).Select(id => id!).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > MaxIdsPerPost || !ids.All(IsId))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var count = await act(http.RequestServices.GetRequiredService<IPinterestOutbox>(), ids, http.RequestAborted).ConfigureAwait(false);
        // 303: the browser GETs the page; the location is built here, never taken from the request's input.
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = PagePath(http, suffix: action) + "?" + (action == RedrivePath ? "redriven=" : "purged=") + count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The page's own path (with the app's path base), from the path of the page or of one of its actions.</summary>
    private static string PagePath(HttpContext http, string? suffix)
    {
        var path = (http.Request.PathBase + http.Request.Path).Value?.TrimEnd('/') ?? "";
        if (suffix is not null && path.EndsWith("/" + suffix, StringComparison.OrdinalIgnoreCase))
            path = path[..^(suffix.Length + 1)];
        return path.Length == 0 ? "/" : path;
    }

    /// <summary>What the last action did, from the redirect's query: counts only.</summary>
    private static OutboxPageNotice? Notice(IQueryCollection query)
    {
        if (Count(query["redriven"]) is { } redriven) return new OutboxPageNotice(RedrivePath, redriven);
        if (Count(query["purged"]) is { } purged) return new OutboxPageNotice(PurgePath, purged);
        return null;

        static int? Count(StringValues value) =>
            int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxIdsPerPost ? n : null;
    }

    private static bool IsId(string text) =>
        text.Length is > 0 and <= 19 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static void SecurityHeaders(HttpResponse response)
    {
        // No script at all; the one style element is allowed by its hash; forms post to this app only.
        response.Headers.ContentSecurityPolicy = OutboxPage.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
    }
}
