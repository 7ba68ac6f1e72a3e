using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pinterest.Conversions.Hosting;
using Pinterest.Conversions.Sandbox;

namespace Pinterest.Conversions.Samples.Shop;

/// <summary>
/// <c>--demo</c>: starts the shop on the embedded sandbox, lets simulated shoppers browse, add to cart and buy over HTTP
/// (the Tag call of each page is posted to the sandbox the way the stand-in script would, except for shoppers whose
/// browser blocks the Tag) through a Pinterest outage of the first third of them, adds late and offline orders, waits
/// until the outbox has delivered every accepted event, and prints the sandbox's report.
/// Every choice comes from a seeded <see cref="Random"/>, so a run is the same each time.
/// </summary>
public static partial class ShopDemo
{
    private const int Seed = 2026;

    public static async Task<int> RunAsync(TextWriter output, int shoppers = 300, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var app = ShopApp.Build(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Pinterest.Conversions.Hosting.Delivery=Error"], forceSandbox: true);
        await app.StartAsync(cancellationToken);
        var baseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        output.WriteLine($"Demo shop on {baseUri} (embedded sandbox at {baseUri}pinterest/sandbox), {shoppers} shoppers");

        var random = new Random(Seed);
        var plans = Enumerable.Range(0, shoppers).Select(i => ShopperPlan.Draw(i, random)).ToList();
        var tagCalls = 0;
        var apiEvents = 0;
        async Task Shop(IEnumerable<ShopperPlan> some) =>
            await Parallel.ForEachAsync(some, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (plan, ct) =>
            {
                var (api, tag) = await ShopAsync(baseUri, plan, ct);
                Interlocked.Add(ref apiEvents, api);
                Interlocked.Add(ref tagCalls, tag);
            });

        // A Pinterest outage while the first third of the shoppers browse: the sandbox answers every request 503. The
        // shop keeps taking orders; their events wait in the outbox and are sent once the outage ends.
        using var admin = new HttpClient { BaseAddress = baseUri };
        var outageShoppers = shoppers / 3;
        await SetOutageAsync(admin, on: true, cancellationToken);
        await Shop(plans.Take(outageShoppers));
        var waiting = await app.Services.GetRequiredService<IPinterestOutbox>().GetStatisticsAsync(cancellationToken);
        await SetOutageAsync(admin, on: false, cancellationToken);
        output.WriteLine($"Outage: every request answered 503 while {outageShoppers} shoppers browsed; " +
            $"{waiting.Pending + waiting.InFlight} accepted events waited in the outbox");
        await Shop(plans.Skip(outageShoppers));

        // Orders the site could not send live, synced three hours later (late: reported as offline by Pinterest),
        // and orders from the physical store (action_source offline).
        var queue = app.Services.GetRequiredService<IPinterestEventQueue>();
        var now = DateTimeOffset.UtcNow;
        var late = shoppers / 15;
        var offline = shoppers / 12;
        for (var i = 0; i < late; i++)
        {
            queue.Enqueue(new OrderPlaced
            {
                OrderNumber = $"late-{i:D4}", At = now.AddHours(-3), Total = 24.49m, Skus = ["tea-02"],
                Lines = [new CartLine("tea-02", "Loose-leaf tea", 9.50m, 1)],
                Ip = "203.0.113." + (i % 250 + 1).ToString(CultureInfo.InvariantCulture), UserAgent = "Mozilla/5.0 (demo)",
                Email = $"late.shopper{i}@example.com",
            });
        }
        for (var i = 0; i < offline; i++)
        {
            queue.Enqueue(new StoreOrderPlaced { OrderNumber = $"store-{i:D4}", At = now.AddMinutes(-30), Email = $"store.customer{i}@example.com", Total = 39.00m });
        }
        apiEvents += late + offline;

        // Wait until the queue has delivered every API event to the sandbox.
        var store = app.Services.GetRequiredService<SandboxEventStore>();
        SandboxReport report = store.GetReport();
        var deadline = Stopwatch.StartNew();
        while (ApiReceived(report) < apiEvents && deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(50, cancellationToken);
            report = store.GetReport();
        }
        await app.StopAsync(cancellationToken);
        report = store.GetReport();

        Print(output, report, shoppers, apiEvents, tagCalls, late, offline, clock.Elapsed);
        var ok = ApiReceived(report) >= apiEvents && report.Totals.Deduplicated > 0 && report.Health.Level is not null && report.Requests.Faulted > 0;
        if (!ok) output.WriteLine("Demo FAILED: the sandbox did not receive every event, saw no deduplication, or the outage faulted no request.");
        return ok ? 0 : 1;
    }

    private static async Task SetOutageAsync(HttpClient admin, bool on, CancellationToken cancellationToken)
    {
        using var response = on
            ? await admin.PostAsync("pinterest/sandbox/faults",
                new StringContent("""{"rules":[{"kind":"status","status":503}]}""", Encoding.UTF8, "application/json"), cancellationToken)
            : await admin.DeleteAsync("pinterest/sandbox/faults", cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private static long ApiReceived(SandboxReport report) =>
        report.ByEvent.Where(e => e.Channel == "api").Sum(e => e.Received);

    private static void Print(TextWriter o, SandboxReport r, int shoppers, int apiEvents, int tagCalls, int late, int offline, TimeSpan elapsed)
    {
        var t = r.Totals;
        o.WriteLine();
        o.WriteLine("Sandbox report");
        o.WriteLine($"  sent:          {apiEvents} API events, {tagCalls} Tag events ({late} late web orders, {offline} store orders)");
        o.WriteLine($"  received:      {t.Received}");
        o.WriteLine($"  processed:     {t.Processed}  (failed {t.Failed})");
        o.WriteLine($"  conversions:   {t.Conversions}");
        o.WriteLine($"  deduplicated:  {t.Deduplicated}  (Tag and API copies of one event counted once)");
        o.WriteLine($"  late:          {t.Late}");
        o.WriteLine($"  offline:       {t.ReportedAsOffline}  (reported as offline: store orders and late events)");
        o.WriteLine($"  requests:      {r.Requests.Total} to the events endpoint ({r.Requests.Faulted} answered 503 during the outage)");
        o.WriteLine("  by event:");
        foreach (var e in r.ByEvent.OrderBy(e => e.EventName, StringComparer.Ordinal).ThenBy(e => e.Channel, StringComparer.Ordinal))
            o.WriteLine($"    {e.EventName,-12} {e.Channel,-4} received {e.Received,4}  conversions {e.Conversions,4}  deduplicated {e.Deduplicated,4}  late {e.Late,3}  offline {e.ReportedAsOffline,3}");
        o.WriteLine($"  resilience level: {r.Health.Level?.ToString() ?? "(none)"}");
        foreach (var reason in r.Health.Reasons) o.WriteLine($"    why: {reason}");
        if (r.Health.MissingSignals.Count > 0) o.WriteLine($"    signals Great still needs: {string.Join(", ", r.Health.MissingSignals)}");
        o.WriteLine($"Demo finished in {elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
    }

    private sealed record ShopperPlan(int Index, string[] Views, bool AddsToCart, bool Buys, bool TagBlocked, bool FromPinterest)
    {
        public static ShopperPlan Draw(int index, Random random)
        {
            var views = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Catalog.Products[random.Next(Catalog.Products.Count)].Sku).ToArray();
            var adds = random.NextDouble() < 0.6;
            var buys = adds && random.NextDouble() < 0.55;
            return new(index, views, adds, buys, TagBlocked: random.NextDouble() < 0.2, FromPinterest: random.NextDouble() < 0.3);
        }
    }

    /// <summary>One shopper's visit over HTTP; returns the API events the shop fired and the Tag events posted.</summary>
    private static async Task<(int Api, int Tag)> ShopAsync(Uri baseUri, ShopperPlan plan, CancellationToken ct)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false };
        using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd($"Mozilla/5.0 (X11; Linux x86_64) DemoShopper/{plan.Index}");
        int api = 0, tag = 0;

        async Task<string> Page(HttpResponseMessage response)
        {
            response.EnsureSuccessStatusCode();
            var html = await response.Content.ReadAsStringAsync(ct);
            foreach (var call in TagCalls(html))
            {
                api++;
                if (plan.TagBlocked) continue;
                using var body = new StringContent(call, Encoding.UTF8, "application/json");
                using var answer = await http.PostAsync("pinterest/sandbox/tag", body, ct);
                answer.EnsureSuccessStatusCode();
                tag++;
            }
            return html;
        }

        var epik = plan.FromPinterest ? $"?epik=dj0yJnU9demo{plan.Index}" : "";
        string html = await Page(await http.GetAsync("", ct));
        foreach (var sku in plan.Views) html = await Page(await http.GetAsync($"product/{sku}{epik}", ct));
        if (plan.AddsToCart)
        {
            html = await Page(await http.PostAsync($"product/{plan.Views[^1]}", Form(html), ct));
            if (plan.Buys)
            {
                html = await Page(await http.GetAsync("cart", ct));
                                await Page(await http.PostAsync("cart", Form(html, KeyValuePair.Create("email", $"Shopper{plan.Index}@Example.com")), ct));
            }
        }
        return (api, tag);
    }

    private static FormUrlEncodedContent Form(string html, params KeyValuePair<string, string>[] fields)
    {
        var token = AntiforgeryField().Match(html);
        if (!token.Success) throw new InvalidOperationException("The page has no antiforgery field.");
        return new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)), .. fields]);
    }

    /// <summary>The Tag calls of a page, as the JSON body the stand-in script posts: the event data plus event_name.</summary>
    internal static IEnumerable<string> TagCalls(string html)
    {
        foreach (Match m in TrackCall().Matches(html))
        {
            using var data = JsonDocument.Parse(m.Groups[2].Value);
            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var p in data.RootElement.EnumerateObject()) p.WriteTo(writer);
                writer.WriteString("event_name", m.Groups[1].Value);
                writer.WriteEndObject();
            }
            yield return Encoding.UTF8.GetString(buffer.ToArray());
        }
    }

    [GeneratedRegex(@"pintrk\('track', '([a-z_]+)', (\{.*?\})\);</script>", RegexOptions.Singleline)]
    private static partial Regex TrackCall();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
