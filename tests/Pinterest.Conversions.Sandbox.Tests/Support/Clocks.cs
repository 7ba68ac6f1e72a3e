using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Conversions.Sandbox.Tests.Support;

/// <summary>Clocks that move only when told (<see cref="FakeTimeProvider.Advance"/>): deduplication windows and late events without waiting.</summary>
internal static class Clocks
{
    public static DateTimeOffset DefaultStart { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Start() => new(DefaultStart);

    /// <summary>The clock's now in Unix seconds, as an event_time is written.</summary>
    public static long UnixNow(this TimeProvider clock) => clock.GetUtcNow().ToUnixTimeSeconds();
}
