using Pinterest.Conversions.Sandbox.Tests.Support;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests;

/// <summary>Options are validated before the sandbox starts, every problem named at once.</summary>
public sealed class OptionsTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        var options = new PinterestSandboxOptions();

        options.Validate();
        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.AccessToken);
        Assert.Equal(TimeSpan.FromMinutes(1), options.FutureEventTimeTolerance);
    }

    [Fact]
    public void Every_invalid_setting_is_named()
    {
        var options = new PinterestSandboxOptions
        {
            TimeProvider = null!,
            AccessToken = "has space",
            AdAccountId = "12ab",
            AdvertiserDefinedEvents = ["ok_name", "bad name!"],
            FutureEventTimeTolerance = TimeSpan.FromHours(2),
            MaxEventAge = TimeSpan.Zero,
            RecentEventCapacity = 0,
            Faults = new SandboxFaultPlan { Rules = [new SandboxFaultRule { Kind = SandboxFaultKind.Status, Status = 418 }] },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("TimeProvider is required", error.Message);
        Assert.Contains("AccessToken must be non-empty", error.Message);
        Assert.Contains("AdAccountId must be 1 to 18 digits", error.Message);
        Assert.Contains("AdvertiserDefinedEvents names are 1 to 100 characters", error.Message);
        Assert.Contains("FutureEventTimeTolerance must be 0 to 1 hour", error.Message);
        Assert.Contains("MaxEventAge must be positive", error.Message);
        Assert.Contains("RecentEventCapacity must be 1 to 10000", error.Message);
        Assert.Contains("Faults: rules[0].status must be one of", error.Message);
        Assert.DoesNotContain("has space", error.Message);
    }

    [Fact]
    public void At_most_15_advertiser_defined_events()
    {
        var options = new PinterestSandboxOptions { AdvertiserDefinedEvents = Enumerable.Range(0, 16).Select(i => $"event_{i}").ToList() };

        Assert.Contains("at most 15 AdvertiserDefinedEvents", Assert.Throws<ArgumentException>(options.Validate).Message);
    }

    [Fact]
    public async Task Start_refuses_invalid_options()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => PinterestSandbox.StartAsync(new PinterestSandboxOptions { RecentEventCapacity = -1 }));
    }

    [Fact]
    public async Task Start_binds_a_free_loopback_port_and_disposes_cleanly()
    {
        await using var first = await Sandboxes.Start();
        await using var second = await Sandboxes.Start();

        Assert.Equal("127.0.0.1", first.BaseAddress.Host);
        Assert.NotEqual(first.BaseAddress, second.BaseAddress);
        Assert.Equal(new Uri(first.BaseAddress, "v5/ad_accounts/42/events"), first.EventsUri("42"));
    }
}
