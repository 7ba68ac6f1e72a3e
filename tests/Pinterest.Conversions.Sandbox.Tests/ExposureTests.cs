using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pinterest.Conversions.Sandbox.Endpoint;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>
/// The sandbox cannot leak by accident: embedding it outside Development is refused unless the app opts in, its admin
/// routes answer loopback callers only, and the standalone host warns when it listens beyond loopback.
/// </summary>
public sealed class ExposureTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Mapping_outside_Development_is_refused_and_says_why(string environment)
    {
        var app = Build(environment, o => { });

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPinterestSandbox("/pinterest"));

        Assert.Contains(environment, error.Message);
        Assert.Contains(nameof(PinterestSandboxOptions.UnsafeAllowOutsideDevelopment), error.Message);
        Assert.Contains("memory instead of Pinterest", error.Message);
    }

    [Fact]
    public async Task An_app_that_opts_in_maps_it_in_Production()
    {
        await using var app = Build("Production", o => o.UnsafeAllowOutsideDevelopment = true);
        app.MapPinterestSandbox("/pinterest");
        await app.StartAsync();
        using var client = new SandboxClient(new Uri(app.Urls.First() + "/pinterest/"));

        Assert.Equal(HttpStatusCode.OK, (await client.Get("sandbox/report")).Status);
    }

    [Fact]
    public async Task Admin_routes_refuse_a_caller_that_is_not_on_loopback()
    {
        await using var app = await StartBehindProxyAsync(allowRemote: false);
        var store = app.Services.GetRequiredService<SandboxEventStore>();
        using var client = new SandboxClient(new Uri(app.Urls.First() + "/pinterest/"));
        Assert.Equal(HttpStatusCode.OK, (await client.PostEvents(Bodies.Request(Bodies.Event(DateTimeOffset.UtcNow.ToUnixTimeSeconds())))).Status);

        var reset = await Remote(client, HttpMethod.Post, "sandbox/reset", "");
        var faults = await Remote(client, HttpMethod.Post, "sandbox/faults", """{"rules":[{"kind":"delay","delay_milliseconds":600000}]}""");
        var clear = await Remote(client, HttpMethod.Delete, "sandbox/faults", null);
        var read = await Remote(client, HttpMethod.Get, "sandbox/faults", null);
        var dashboard = await Remote(client, HttpMethod.Get, "sandbox", null);

        Assert.All([reset, faults, clear, read], r => Assert.Equal(HttpStatusCode.Forbidden, r.Status));
        Assert.Contains("AllowRemoteAdministration", reset.Message);
        Assert.Equal(1, store.GetReport().Totals.Received);                  // nothing was reset
        Assert.Empty(app.Services.GetRequiredService<Hosting.SandboxState>().Faults.Current().Rules); // no fault planned
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);                     // reading stays open (Development only)
        Assert.Equal(HttpStatusCode.NoContent, (await client.Post("sandbox/reset", "")).Status); // the same route from loopback
    }

    [Fact]
    public async Task AllowRemoteAdministration_opens_them()
    {
        await using var app = await StartBehindProxyAsync(allowRemote: true);
        using var client = new SandboxClient(new Uri(app.Urls.First() + "/pinterest/"));

        Assert.Equal(HttpStatusCode.NoContent, (await Remote(client, HttpMethod.Post, "sandbox/reset", "")).Status);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("http://sandbox.example.com", false)]
    public void Listening_urls_on_loopback(string url, bool loopback) => Assert.Equal(loopback, CallerAddress.IsLoopbackUrl(url));

    [Theory]
    [InlineData("http://0.0.0.0:0", true)]
    [InlineData("http://127.0.0.1:0", false)]
    public async Task The_standalone_host_warns_when_it_listens_beyond_loopback(string urls, bool warns)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Pinterest.Conversions.Sandbox.dll"), "--urls", urls },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (await process.StandardOutput.ReadLineAsync(cts.Token) is { } line && !line.Contains("report:", StringComparison.Ordinal)) { }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var stderr = await errors;
        Assert.Equal(warns, stderr.Contains("WARNING: the sandbox listens on", StringComparison.Ordinal));
        if (warns) Assert.Contains("beyond loopback", stderr);
    }

    private static WebApplication Build(string environment, Action<PinterestSandboxOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPinterestSandbox(configure);
        return builder.Build();
    }

    /// <summary>
    /// An app behind a proxy it trusts (loopback): a request carrying <c>X-Forwarded-For: 203.0.113.9</c> comes, as far as
    /// the app can tell, from that remote address; the same request without the header comes from loopback.
    /// </summary>
    private static async Task<WebApplication> StartBehindProxyAsync(bool allowRemote)
    {
        var app = Build("Development", o => o.AllowRemoteAdministration = allowRemote);
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor });
        app.MapPinterestSandbox("/pinterest");
        await app.StartAsync();
        return app;
    }

    private static Task<SandboxResponse> Remote(SandboxClient client, HttpMethod method, string path, string? body)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.9");
        return client.Send(request, checkShape: false);
    }
}
