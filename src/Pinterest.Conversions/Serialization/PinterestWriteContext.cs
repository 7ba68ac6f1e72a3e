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
    /// A calling code (1 to 3 digits, such as "1" or "44") put in front of phone numbers written without one: numbers
    /// with no <c>+</c> or <c>00</c> prefix that start with a single 0 or have at most 10 digits.
    /// </summary>
    public string? DefaultPhoneCountryCode
    {
        get => _defaultPhoneCountryCode;
        init
        {
            if (value is not null && (value.Length is < 1 or > 3 || !value.All(char.IsAsciiDigit) || value[0] == '0'))
                throw new ArgumentException("A default phone country code is 1 to 3 digits and does not start with 0, such as \"1\" or \"44\".", nameof(value));
            _defaultPhoneCountryCode = value;
        }
    }

    /// <summary>Now, as Unix seconds.</summary>
    public long GetUnixTimeSeconds() => TimeProvider.GetUtcNow().ToUnixTimeSeconds();
}
