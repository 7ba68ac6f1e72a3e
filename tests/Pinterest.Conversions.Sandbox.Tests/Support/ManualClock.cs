namespace Pinterest.Conversions.Sandbox.Tests.Support;

/// <summary>A clock that moves only when told: deduplication windows and late events without waiting.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = start;

    public static DateTimeOffset DefaultStart { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public ManualClock() : this(DefaultStart) { }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public long UnixNow => GetUtcNow().ToUnixTimeSeconds();

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }
}
