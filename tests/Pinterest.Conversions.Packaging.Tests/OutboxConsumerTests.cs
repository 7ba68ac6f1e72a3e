using Xunit.Abstractions;

namespace Pinterest.Conversions.Packaging.Tests;

/// <summary>
/// A fresh console project referencing the packed Pinterest.Conversions.Outbox.Sqlite (Hosting and the generator come
/// through it) and Sandbox, used as docs/delivery.md shows: <c>AddPinterestConversions(...).UseSqliteOutbox(...)</c>,
/// events enqueued durably during an outage of the sandbox, then delivered after it, with the outbox's statistics.
/// </summary>
[Collection(PackedFeed.Collection)]
public sealed class OutboxConsumerTests(PackedFeed packed, ITestOutputHelper output)
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
            <PackageReference Include="Pinterest.Conversions.Outbox.Sqlite" Version="$(PinterestVersion)" />
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
        sandbox.SetFaults(new SandboxFaultPlan { Rules = [new() { Kind = SandboxFaultKind.Status, Status = 503 }] }); // an outage

        var file = Path.Combine(AppContext.BaseDirectory, "outbox.db");
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Pinterest:Conversions:AdAccountId"] = "549755885175",
            ["Pinterest:Conversions:AccessToken"] = "test-token",
            ["Pinterest:Conversions:BaseAddress"] = new Uri(sandbox.BaseAddress, "v5/").ToString(),
            ["Pinterest:Conversions:Queue:FlushInterval"] = "00:00:00.050",
            ["Pinterest:Conversions:Retry:BaseDelay"] = "00:00:00.010",
            ["Pinterest:Conversions:Retry:MaxDelay"] = "00:00:00.200",
            ["Pinterest:Conversions:Delivery:PollInterval"] = "00:00:00.050",
        });
        builder.Services.AddPinterestConversions(builder.Configuration).UseSqliteOutbox($"Data Source={file}");

        using var host = builder.Build();
        await host.StartAsync();
        var queue = host.Services.GetRequiredService<IPinterestEventQueue>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 1; i <= 3; i++)
        {
            var r = await queue.EnqueueAsync(new OrderPlaced { OrderNumber = $"order-{i}", PlacedAt = now, Email = $"buyer{i}@example.com", Ip = "203.0.113.7", UserAgent = "Mozilla/5.0", Total = i });
            Console.WriteLine($"enqueued order-{i}: {r.Status}");
        }
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sandbox.GetReport().Requests.Faulted == 0 && DateTime.UtcNow < deadline) await Task.Delay(20);
        var during = await host.Services.GetRequiredService<IPinterestOutbox>().GetStatisticsAsync();
        Console.WriteLine($"during the outage: waiting {during.Pending + during.InFlight}, received {sandbox.GetReport().Totals.Received}");

        sandbox.SetFaults(null); // the outage ends
        var outbox = host.Services.GetRequiredService<IPinterestOutbox>();
        var after = await outbox.GetStatisticsAsync();
        while (after.Pending + after.InFlight > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20); // until the sender has recorded Pinterest's answer
            after = await outbox.GetStatisticsAsync();
        }
        await host.StopAsync();
        Console.WriteLine($"after the outage: waiting {after.Pending + after.InFlight}, parked {after.Parked}, processed {sandbox.GetReport().Totals.Processed}");
        Console.WriteLine($"outbox file: {File.Exists(file)}");

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
    public async Task Outbox_package_keeps_events_through_an_outage_and_delivers_them_in_a_fresh_consumer()
    {
        output.WriteLine(packed.PackLog);
        Assert.Equal(0, packed.PackExitCode);

        // Microsoft.Data.Sqlite, SQLitePCLRaw, Microsoft.Extensions.* and Polly from the machine's package cache (offline).
        var consumer = ConsumerProject.Create(packed, "outbox-consumer", Project,
            new Dictionary<string, string> { ["Program.cs"] = Program }, ThirdPartySources.PackageCache);
        var (runExit, runLog) = await consumer.DotnetAsync(s_timeout, "run");
        output.WriteLine(runLog);
        Assert.Equal(0, runExit);

        var lines = runLog.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        foreach (var id in new[] { "order-1", "order-2", "order-3" }) Assert.Contains($"enqueued {id}: Enqueued", lines);
        Assert.Contains("during the outage: waiting 3, received 0", lines);
        Assert.Contains("after the outage: waiting 0, parked 0, processed 3", lines);
        Assert.Contains("outbox file: True", lines);
    }
}
