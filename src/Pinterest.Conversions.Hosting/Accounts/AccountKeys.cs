namespace Pinterest.Conversions.Hosting;

/// <summary>
/// Account keys as the outbox stores them: compared ordinal-ignore-case and stored lower-cased, at most 200 characters;
/// null is the default account, stored as the empty string (which is not a valid key).
/// </summary>
public static class AccountKeys
{
    /// <summary>The longest account key.</summary>
    public const int MaxLength = 200;

    /// <summary>True for null (the default account) and for 1 to 200 characters that are not all white space.</summary>
    public static bool IsValid(string? account) =>
        account is null || (account.Length is > 0 and <= MaxLength && !string.IsNullOrWhiteSpace(account));

    /// <summary>The stored form: lower-cased, or empty for the default account.</summary>
    public static string ToStored(string? account) => account is null ? "" : account.ToLowerInvariant();

    /// <summary>The public form of a stored key: null for the default account.</summary>
    public static string? FromStored(string stored) => stored.Length == 0 ? null : stored;
}
