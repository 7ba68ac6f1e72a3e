namespace Pinterest.Conversions.Generators.Tests;

/// <summary>A clock that always says the same time, so unmapped event times are predictable.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
