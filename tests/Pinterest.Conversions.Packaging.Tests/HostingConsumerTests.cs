using Xunit.Abstractions;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// A fresh Worker-Service-style console project referencing the packed Pinterest.Conversions.Hosting and
/// Pinterest.Conversions.Sandbox (not Pinterest.Conversions itself: the generator comes through them), used as
/// docs/sending.md and docs/sandbox.md show: the sandbox started in-process, <c>AddPinterestConversions</c> bound from
/// the configuration section <c>Pinterest:Conversions</c> and pointed at it, events sent directly and through the queue.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed class HostingConsumerTests(PackedFeed packed, ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <!-- Host.CreateApplicationBuilder comes with the ASP.NET Core shared framework the sandbox brings. -->
            <PackageReference Include="Pinterest.Conversions.Hosting" Version="$(PinterestVersion)" />
            <PackageReference Include="Pinterest.Conversions.Sandbox" Version="$(PinterestVersion)" />
          </ItemGroup>
        </Project>
        """;

    private const string Program = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;
        using Pinterest.Conversions;
        using Pinterest.Conversions.Hosting;
        using Pinterest.Conversions.Sandbox;

        await using var sandbox = await PinterestSandbox.StartAsync(new() { AccessToken = "test-token" });

        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pinterest:Conversions:AdAccountId"] = "549755885175",
            ["Pinterest:Conversions:AccessToken"] = "test-token",
            ["Pinterest:Conversions:BaseAddress"] = new Uri(sandbox.BaseAddress, "v5/").ToString(),
            ["Pinterest:Conversions:Queue:FlushInterval"] = "00:00:00.050",
            ["Pinterest:Conversions:Retry:BaseDelay"] = "00:00:00.005",
        });
        builder.Services.AddPinterestConversions(builder.Configuration);
        var observer = new Observer();
        builder.Services.AddSingleton<IPinterestSendObserver>(observer);

        using var host = builder.Build();
        await host.StartAsync();

        var now = DateTimeOffset.UtcNow;
        var client = host.Services.GetRequiredService<PinterestConversionsClient>();
        PinterestSendResult direct = await client.SendAsync(new[]
        {
            new OrderPlaced { OrderNumber = "order-1", PlacedAt = now, Email = "  John.Doe@Example.COM ", Ip = "203.0.113.7", UserAgent = "Mozilla/5.0", Total = 72.39m },
            new OrderPlaced { OrderNumber = "order-2", PlacedAt = now, Email = "not an email", Total = 5m },
        });
        foreach (var o in direct.Outcomes) Console.WriteLine($"direct {o.EventId}: {o.Status} {o.RejectionReason} {o.UnsendableReason}");

        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        for (var i = 3; i <= 5; i++)
        {
            var r = queue.Enqueue(new OrderPlaced { OrderNumber = $"order-{i}", PlacedAt = now, Email = $"buyer{i}@example.com", Ip = "203.0.113.7", UserAgent = "Mozilla/5.0", Total = i });
            Console.WriteLine($"enqueued order-{i}: {r.Status}");
        }
        await host.StopAsync(); // drains the queue
        lock (observer.Lines) foreach (var line in observer.Lines) Console.WriteLine(line);

        var report = sandbox.GetReport();
        Console.WriteLine($"sandbox: received {report.Totals.Received}, processed {report.Totals.Processed}, conversions {report.Totals.Conversions}");
        Console.WriteLine($"health: {host.Services.GetRequiredService<PinterestHealthMonitor>().GetReport().Level}, events {host.Services.GetRequiredService<PinterestHealthMonitor>().GetReport().EventsProcessed}");

        sealed class Observer : IPinterestSendObserver
        {
            public List<string> Lines { get; } = new();
            public void OnSent(PinterestSendResult result) { lock (Lines) Lines.AddRange(result.Outcomes.Select(o => $"queued {o.EventId}: {o.Status}")); }
            public void OnDropped(IReadOnlyList<PinterestDroppedEvent> events) { lock (Lines) Lines.AddRange(events.Select(e => $"dropped {e.EventId}: {e.Reason}")); }
        }

        [PinterestEvent(EventName.Checkout)]
        public partial record OrderPlaced
        {
            [MapTo(PinterestField.EventId)]         public required string OrderNumber { get; init; }
            [MapTo(PinterestField.EventTime)]       public DateTimeOffset PlacedAt { get; init; }
            [MapTo(PinterestField.Email)]           public string? Email { get; init; }
            [MapTo(PinterestField.ClientIpAddress)] public string? Ip { get; init; }
            [MapTo(PinterestField.ClientUserAgent)] public string? UserAgent { get; init; }
            [MapTo(PinterestField.Value)]           public decimal Total { get; init; }
        }
        """;

    [Fact]
    public async Task Hosting_and_sandbox_packages_send_events_to_the_in_process_sandbox_in_a_fresh_consumer()
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);

        // Microsoft.Extensions.* and Polly from the machine's package cache (offline), ours from the feed.
        var consumer = ConsumerProject.Create(packed, "hosting-consumer", Project,
            new Dictionary<string, string> { ["Program.cs"] = Program }, ThirdPartySources.PackageCache);
        var (runExit, runLog) = await consumer.DotnetAsync(s_timeout, "run");
        output.WriteLine(runLog);
        Assert.Equal(0, runExit);

        var lines = runLog.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        // Direct: Pinterest (the sandbox) processed the first; the second had no usable identity and never left.
        Assert.Contains("direct order-1: Processed None None", lines);
        Assert.Contains("direct order-2: RejectedLocally Unsendable MissingUserIdentity", lines);
        // Queued: accepted, sent in the background, drained on stop, each reported to the observer.
        foreach (var id in new[] { "order-3", "order-4", "order-5" })
        {
            Assert.Contains($"enqueued {id}: Enqueued", lines);
            Assert.Contains($"queued {id}: Processed", lines);
        }
        Assert.DoesNotContain(lines, l => l.StartsWith("dropped ", StringComparison.Ordinal));
        // The sandbox saw exactly the four sendable events, and the health report covers the three of the queue.
        Assert.Contains("sandbox: received 4, processed 4, conversions 4", lines);
        Assert.Contains("health: Good, events 3", lines);
    }
}
