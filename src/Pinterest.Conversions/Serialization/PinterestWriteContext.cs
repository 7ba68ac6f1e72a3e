namespace Pinterest.Conversions;

/// <summary>What writing an event needs besides the event: the clock for unmapped event times and phone defaults.</summary>
public sealed class PinterestWriteContext
{
    private readonly string? _defaultPhoneCountryCode;
    private readonly string? _defaultPartnerName;

    /// <summary>The longest <see cref="DefaultPartnerName"/>.</summary>
    public const int MaxPartnerNameLength = 100;

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

    /// <summary>
    /// The <c>partner_name</c> written on every event whose type does not map <see cref="PinterestField.PartnerName"/>:
    /// for platforms sending on behalf of advertisers, in Pinterest's convention <c>ss-partnername</c> (lowercase, such
    /// as <c>ss-shopify</c>), as agreed with Pinterest. Trimmed; 1 to 100 characters with no control character.
    /// </summary>
    public string? DefaultPartnerName
    {
        get => _defaultPartnerName;
        init
        {
            var trimmed = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (trimmed is not null && !IsValidPartnerName(trimmed))
                throw new ArgumentException($"A partner name is 1 to {MaxPartnerNameLength} characters with no control character, such as \"ss-yourplatform\".", nameof(value));
            _defaultPartnerName = trimmed;
        }
    }

    /// <summary>True for null or blank (no default), or a trimmed name of 1 to 100 characters with no control character.</summary>
    public static bool IsValidPartnerName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return true;
        var trimmed = value.AsSpan().Trim();
        if (trimmed.Length > MaxPartnerNameLength) return false;
        foreach (var c in trimmed)
        {
            if (char.IsControl(c)) return false;
        }
        return true;
    }

    /// <summary>Now, as Unix seconds.</summary>
    public long GetUnixTimeSeconds() => TimeProvider.GetUtcNow().ToUnixTimeSeconds();
}
