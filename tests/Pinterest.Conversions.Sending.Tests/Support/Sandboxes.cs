using Pinterest.Conversions.Sandbox;

namespace Pinterest.Conversions.Sending.Tests;

/// <summary>Starting sandboxes and clients pointed at them.</summary>
internal static class Sandboxes
{
    public const string Token = "pina_test_token_5b3c9e";
    public const string AdAccountId = "549755885175";

    public static Task<PinterestSandbox> StartAsync(Action<PinterestSandboxOptions>? configure = null)
    {
        var options = new PinterestSandboxOptions { AccessToken = Token, AdAccountId = AdAccountId, RecentEventCapacity = 10_000 };
        configure?.Invoke(options);
        return PinterestSandbox.StartAsync(options);
    }

    public static Uri ApiRoot(this PinterestSandbox sandbox) => new(sandbox.BaseAddress, "v5/");

    public static PinterestConversionsClientOptions ClientOptions(this PinterestSandbox sandbox, Action<PinterestConversionsClientOptions>? configure = null)
    {
        var options = new PinterestConversionsClientOptions { AdAccountId = AdAccountId, AccessToken = Token, BaseAddress = sandbox.ApiRoot() };
        configure?.Invoke(options);
        return options;
    }

    public static PinterestConversionsClient Client(this PinterestSandbox sandbox, HttpClient http, Action<PinterestConversionsClientOptions>? configure = null) =>
        new(http, sandbox.ClientOptions(configure));

    public static SandboxFaultPlan Plan(params SandboxFaultRule[] rules) => new() { Seed = 7, Rules = rules.ToList() };
}
