namespace Pinterest.Conversions;

/// <summary>What writing an event needs besides the event: the clock for unmapped event times and phone defaults.</summary>
public sealed class PinterestWriteContext
{
    private readonly string? _defaultPhoneCountryCode;

    /// <summary>Creates a context over <paramref name="timeProvider"/>.</summary>
    public PinterestWriteContext(TimeProvider timeProvider)
    {
        TimeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>The system clock, no default phone country code.</summary>
    public static PinterestWriteContext Default { get; } = new(TimeProvider.System);

    /// <summary>The clock that dates events whose time is not mapped or is the default value.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// A calling code (1 to 3 digits, optionally after <c>+</c>, such as "1" or "+44") put in front of phone numbers written without one: numbers
    /// with no <c>+</c> or <c>00</c> prefix that start with a single 0 or have at most 10 digits.
    /// </summary>
    public string? DefaultPhoneCountryCode
    {
        get => _defaultPhoneCountryCode;
        init
        {
            // One rule with the hash batch, which receives this value for every event.
            if (!PhoneCountryCode.TryGetDigits(value, out _)) throw new ArgumentException(PhoneCountryCode.FormatMessage, nameof(value));
            _defaultPhoneCountryCode = string.IsNullOrEmpty(value) ? null : value;
        }
    }

    /// <summary>Now, as Unix seconds.</summary>
    public long GetUnixTimeSeconds() => TimeProvider.GetUtcNow().ToUnixTimeSeconds();
}
