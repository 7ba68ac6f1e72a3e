using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// A fresh web project referencing the packed Pinterest.Conversions.AspNetCore and Pinterest.Conversions.Sandbox, used as
/// docs/sending.md and docs/sandbox.md show: a Razor page with <c>@addTagHelper *, Pinterest.Conversions.AspNetCore</c>
/// renders <c>&lt;pinterest-tag&gt;</c> from the request context, and a minimal API endpoint enqueues an event built from
/// <c>GetPinterestRequestContext()</c>, sent to the sandbox embedded with <c>MapPinterestSandbox("/pinterest")</c>.
/// The app starts, queries itself once per route, prints what it got and stops.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed partial class AspNetCoreConsumerTests(PackedFeed packed, ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Pinterest.Conversions.AspNetCore" Version="$(PinterestVersion)" />
            <PackageReference Include="Pinterest.Conversions.Hosting" Version="$(PinterestVersion)" />
            <PackageReference Include="Pinterest.Conversions.Sandbox" Version="$(PinterestVersion)" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using System.Net;
        using System.Net.Sockets;
        using Pinterest.Conversions;
        using Pinterest.Conversions.AspNetCore;
        using Pinterest.Conversions.Hosting;
        using Pinterest.Conversions.Sandbox;

        // The queue's base address needs the port before the server starts: take a free one.
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0)) { probe.Start(); port = ((IPEndPoint)probe.LocalEndpoint).Port; }
        var root = new Uri($"http://127.0.0.1:{port}/");

        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(root.ToString());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRazorPages();
        // A loopback test app in the Production environment: the opt-in that MapPinterestSandbox asks for there.
        builder.Services.AddPinterestSandbox(o => { o.AccessToken = "shop-token"; o.UnsafeAllowOutsideDevelopment = true; });
        builder.Services.AddPinterestConversions(o =>
        {
            o.AdAccountId = "549755885175";
            o.AccessToken = "shop-token";
            o.BaseAddress = new Uri(root, "pinterest/v5/");
            o.Queue.FlushInterval = TimeSpan.FromMilliseconds(50);
        });

        var app = builder.Build();
        app.MapRazorPages();
        app.MapPinterestSandbox("/pinterest");
        app.MapPost("/checkout", (HttpContext http, IPinterestEventQueue queue) =>
        {
            var visitor = http.GetPinterestRequestContext();
            var result = queue.Enqueue(new OrderPlaced
            {
                OrderNumber = "order-42", Email = "buyer@example.com", Total = 19.99m,
                Ip = visitor.ClientIpAddress, UserAgent = visitor.ClientUserAgent, ClickId = visitor.ClickId, Url = visitor.EventSourceUrl,
            });
            return Results.Text(result.Status.ToString());
        });

        await app.StartAsync();
        using (var http = new HttpClient { BaseAddress = root })
        {
            http.DefaultRequestHeaders.UserAgent.ParseAdd("ConsumerBrowser/1.0");
            Console.WriteLine(await http.GetStringAsync("/?epik=click-123"));
            var checkout = await http.PostAsync("/checkout?epik=click-456", null);
            Console.WriteLine($"checkout: {(int)checkout.StatusCode} {await checkout.Content.ReadAsStringAsync()}");
        }
        // The web server stops before the queue drains: wait for the embedded sandbox to have the event, then stop.
        var store = app.Services.GetRequiredService<SandboxEventStore>();
        for (var waited = 0; store.GetReport().Totals.Received == 0 && waited < 30_000; waited += 20) await Task.Delay(20);
        await app.StopAsync();

        var report = store.GetReport();
        Console.WriteLine($"sandbox: received {report.Totals.Received}, processed {report.Totals.Processed}, level {report.Health.Level}");
        Console.WriteLine($"sandbox missing signals: {string.Join(",", report.Health.MissingSignals)}");
        foreach (var e in report.RecentEvents) Console.WriteLine($"sandbox event: {e.EventName} {e.EventId} {e.Status}");

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)]         public required string OrderNumber { get; init; }
            [MapTo(PinterestField.Email)]           public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.ClickId)]         public string? ClickId { get; init; }
            [MapTo(PinterestField.EventSourceUrl)]  public string? Url { get; init; }
            [MapTo(PinterestField.Value)]           public decimal Total { get; init; }
        }
        """;

    private const string ViewImports = """
        @addTagHelper *, Pinterest.Conversions.AspNetCore
        """;

    // An event_id that tries to close the script element: the tag helper must keep it data.
    private const string IndexPage = """
        @page
        @using Pinterest.Conversions.AspNetCore
        @{
            var visitor = HttpContext.GetPinterestRequestContext();
            var order = new OrderPlaced
            {
                OrderNumber = "order-</script><b>-7", Email = "buyer@example.com", Total = 19.99m,
                Ip = visitor.ClientIpAddress, UserAgent = visitor.ClientUserAgent, ClickId = visitor.ClickId, Url = visitor.EventSourceUrl,
            };
        }
        <p>ip=@visitor.ClientIpAddress</p>
        <p>user agent=@visitor.ClientUserAgent</p>
        <p>click id=@visitor.ClickId</p>
        <p>url=@visitor.EventSourceUrl</p>
        <pinterest-tag event="order" nonce="n0nce" />
        <pinterest-tag event="null" />
        """;

    [Fact]
    public async Task AspNetCore_package_renders_the_tag_and_reads_the_request_context_in_a_fresh_web_app()
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);

        var consumer = ConsumerProject.Create(packed, "web-consumer", Project, new Dictionary<string, string>
        {
            ["Program.cs"] = Program,
            ["Pages/_ViewImports.cshtml"] = ViewImports,
            ["Pages/Index.cshtml"] = IndexPage,
        }, ThirdPartySources.PackageCache);
        var (runExit, runLog) = await consumer.DotnetAsync(s_timeout, "run");
        output.WriteLine(runLog);
        Assert.Equal(0, runExit);

        var lines = runLog.Split('\n').Select(l => l.Trim()).ToList();
        // The request context, read from the page's own request.
        Assert.Contains("<p>ip=127.0.0.1</p>", lines);
        Assert.Contains("<p>user agent=ConsumerBrowser/1.0</p>", lines);
        Assert.Contains("<p>click id=click-123</p>", lines);
        Assert.Matches(EventSourceUrl(), runLog);
        // The tag helper: one script element with the nonce, the event_id escaped as data; nothing for a null event.
        Assert.Contains(
            "<script nonce=\"n0nce\">pintrk('track', 'checkout', {\"event_id\":\"order-\\u003C/script\\u003E\\u003Cb\\u003E-7\",\"value\":19.99});</script>",
            lines);
        Assert.Single(lines, l => l.Contains("<script", StringComparison.Ordinal));
        Assert.DoesNotContain("pinterest-tag", runLog, StringComparison.Ordinal);
        Assert.DoesNotContain("</script><b>", runLog, StringComparison.Ordinal);
        // The endpoint's event went through the queue to the embedded sandbox, with IP, user agent and click id.
        Assert.Contains("checkout: 200 Enqueued", lines);
        Assert.Contains("sandbox: received 1, processed 1, level Good", lines);
        Assert.Contains("sandbox event: checkout order-42 processed", lines);
        var missing = Assert.Single(lines, l => l.StartsWith("sandbox missing signals: ", StringComparison.Ordinal));
        Assert.DoesNotContain("click_id", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("client_ip_address", missing, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"<p>url=http://127\.0\.0\.1:\d+/\?epik=click-123</p>")]
    private static partial Regex EventSourceUrl();
}
