using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Pinterest.Conversions.Sandbox.Tests.Support;

/// <summary>A test class whose every test gets its own sandbox (<see cref="Server"/>) on a manual clock, and a client.</summary>
public abstract class SandboxTest : IAsyncLifetime
{
    private protected FakeTimeProvider Clock { get; } = Clocks.Start();
    private protected PinterestSandbox Server { get; private set; } = null!;
    private protected SandboxClient Client { get; private set; } = null!;

    /// <summary>Options of this class's sandbox beyond the clock.</summary>
    private protected virtual void Configure(PinterestSandboxOptions options) { }

    public async Task InitializeAsync()
    {
        Server = await Sandboxes.Start(Clock, Configure);
        Client = new SandboxClient(Server);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
