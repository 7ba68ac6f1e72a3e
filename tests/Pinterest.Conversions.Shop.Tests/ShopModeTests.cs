using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Pinterest.Conversions.Samples.Shop;
using Xunit;

namespace Pinterest.Conversions.Shop.Tests;

/// <summary>
/// Where the shop sends its events: the embedded sandbox only with --demo or in Development; outside Development it
/// needs credentials and refuses to start without them, naming the settings that are missing.
/// </summary>
public sealed class ShopModeTests
{
    private const string Token = "--Pinterest:Conversions:AccessToken=pina_test";
    private const string Account = "--Pinterest:Conversions:AdAccountId=549755885175";

    [Fact]
    public void Production_without_credentials_refuses_to_start_and_names_both_settings()
    {
        var error = Assert.Throws<MissingCredentialsException>(() => Build("Production"));

        Assert.Equal(["Pinterest:Conversions:AccessToken", "Pinterest:Conversions:AdAccountId"], error.Missing);
        Assert.Contains("Pinterest:Conversions:AccessToken and Pinterest:Conversions:AdAccountId", error.Message);
        Assert.Contains("'Production'", error.Message);
        Assert.Contains("--demo", error.Message);
    }

    [Fact]
    public void A_missing_account_id_is_named_alone()
    {
        var error = Assert.Throws<MissingCredentialsException>(() => Build("Staging", Token));

        Assert.Equal(["Pinterest:Conversions:AdAccountId"], error.Missing);
        Assert.DoesNotContain("pina_test", error.Message);
    }

    [Fact]
    public async Task Production_with_credentials_sends_to_Pinterest()
    {
        await using var app = Build("Production", Token, Account);
        Assert.False(app.Services.GetRequiredService<ShopMode>().UsesSandbox);
    }

    [Fact]
    public async Task Development_without_credentials_uses_the_sandbox()
    {
        await using var app = Build("Development");
        Assert.True(app.Services.GetRequiredService<ShopMode>().UsesSandbox);
    }

    [Fact]
    public async Task The_demo_uses_the_sandbox_in_any_environment()
    {
        await using var app = ShopApp.Build(["--environment=Production", "--urls=http://127.0.0.1:0"], forceSandbox: true);
        Assert.True(app.Services.GetRequiredService<ShopMode>().UsesSandbox);
    }

    [Fact]
    public async Task The_outbox_page_is_mapped_in_Development_only()
    {
        await using (var development = Build("Development"))
        {
            await development.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(development.Urls.First()) };
            var response = await http.GetAsync(ShopMode.OutboxPath);
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<h1>Pinterest outbox</h1>", await response.Content.ReadAsStringAsync());
            await development.StopAsync();
        }
        await using var demo = ShopApp.Build(["--environment=Production", "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"], forceSandbox: true);
        await demo.StartAsync();
        using var demoHttp = new HttpClient { BaseAddress = new Uri(demo.Urls.First()) };
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await demoHttp.GetAsync(ShopMode.OutboxPath)).StatusCode);
        await demo.StopAsync();
    }

    private static WebApplication Build(string environment, params string[] settings) =>
        ShopApp.Build(["--environment=" + environment, "--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. settings]);
}
