using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>An application (such as the sample shop) embeds the sandbox with AddPinterestSandbox and MapPinterestSandbox.</summary>
public sealed class EmbeddingTests
{
    [Fact]
    public async Task An_app_maps_the_sandbox_under_a_prefix_next_to_its_own_endpoints()
    {
        var clock = Clocks.Start();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddPinterestSandbox(o =>
        {
            o.TimeProvider = clock;
            o.AccessToken = "shop-token";
        });
        await using var app = builder.Build();
        app.MapGet("/", () => "shop");
        app.MapPinterestSandbox("/pinterest");
        await app.StartAsync();
        using var client = new SandboxClient(new Uri(app.Urls.First() + "/pinterest/"));

        var response = await client.PostEvents(Bodies.Request(Bodies.Event(clock.UnixNow())), token: "shop-token");
        var dashboard = await client.Get("sandbox");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(HttpStatusCode.OK, dashboard.Status);
        Assert.Equal(1, app.Services.GetRequiredService<SandboxEventStore>().GetReport().Totals.Conversions);
        Assert.Equal("shop", await client.Http.GetStringAsync(new Uri(app.Urls.First() + "/")));
        await app.StopAsync();
    }

    [Fact]
    public void Mapping_without_the_services_says_what_is_missing()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapPinterestSandbox());

        Assert.Contains("AddPinterestSandbox", error.Message);
    }

    [Fact]
    public void Invalid_options_fail_at_registration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddPinterestSandbox(o => o.AdAccountId = "not-digits"));
    }
}
