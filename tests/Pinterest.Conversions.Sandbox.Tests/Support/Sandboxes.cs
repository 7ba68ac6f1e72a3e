using Microsoft.Extensions.Time.Testing;
namespace Pinterest.Conversions.Sandbox.Tests.Support;

/// <summary>Starts a sandbox with a manual clock unless the test gives one.</summary>
internal static class Sandboxes
{
    public static Task<PinterestSandbox> Start(FakeTimeProvider? clock = null, Action<PinterestSandboxOptions>? configure = null)
    {
        var options = new PinterestSandboxOptions { TimeProvider = clock ?? Clocks.Start() };
        configure?.Invoke(options);
        return PinterestSandbox.StartAsync(options);
    }
}
