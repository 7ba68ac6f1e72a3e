using System.Diagnostics;
using System.Net;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>The standalone host (Program.cs) runs as its own process, prints its URLs and serves the endpoint.</summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task The_host_prints_its_urls_takes_options_from_the_environment_and_serves_events()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Pinterest.Conversions.Sandbox.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Sandbox__AccessToken"] = "standalone-token";
        start.Environment["Sandbox__AdvertiserDefinedEvents"] = "loyalty_signup";
        using var process = Process.Start(start)!;
        try
        {
            var root = await ReadRoot(process, TimeSpan.FromSeconds(30));
            using var client = new SandboxClient(new Uri(root + "/"));
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var body = Bodies.Request(Bodies.Event(now, name: "loyalty_signup"));

            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostEvents(body, token: "other")).Status);
            Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(body, token: "standalone-token")).Status);
            var report = await client.Get("sandbox/report");
            Assert.Equal(1, report.Json.GetProperty("totals").GetProperty("conversions").GetInt64());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task<string> ReadRoot(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line)
        {
            const string marker = "Pinterest sandbox listening on ";
            if (line.StartsWith(marker, StringComparison.Ordinal)) return line[marker.Length..].Trim();
        }
        throw new InvalidOperationException("The host exited without printing its URL: " + await process.StandardError.ReadToEndAsync());
    }
}
