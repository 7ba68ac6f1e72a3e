namespace Pinterest.Conversions;

/// <summary>
/// Which event names Pinterest takes: a standard wire name (<c>checkout</c>, <c>add_to_cart</c>, ...) or an
/// advertiser-defined name of 1 to 100 characters of <c>[A-Za-z0-9_-]</c>. One rule for the build-time check of
/// <c>[PinterestEvent("name")]</c> (PIN008) and the run-time check of a <c>[PinterestEventName]</c> member
/// (<c>PinterestUnsendableReason.InvalidEventName</c>); linked into the generator, where it stays internal.
/// </summary>
#if PINTEREST_GENERATOR
internal
#else
public
#endif
static class PinterestEventNames
{
    /// <summary>The longest event name Pinterest takes (an advertiser-defined name).</summary>
    public const int MaxLength = PinterestSchema.MaxEventNameLength;

    /// <summary>True when <paramref name="name"/> is a standard wire name such as <c>add_to_cart</c> (exact, case-sensitive).</summary>
    public static bool IsStandard(string? name) => name is not null && PinterestSchema.FindEventName(name) is not null;

    /// <summary>True when <paramref name="name"/> can be sent as an event name: a standard wire name or a valid advertiser-defined name.</summary>
    public static bool IsValid(string? name) => IsStandard(name) || IsValidAdvertiserDefined(name);

    /// <summary>What stands for a name that breaks the rule wherever a name is shown: logs, outcomes, messages.</summary>
    public const string InvalidNamePlaceholder = "(invalid event name)";

    /// <summary>
    /// <paramref name="name"/> when it is valid, otherwise <see cref="InvalidNamePlaceholder"/>: a name chosen at run time
    /// that breaks the rule is the caller's text, not a name, and could hold anything, so it is never logged or shown.
    /// </summary>
    public static string ForDisplay(string? name) => IsValid(name) ? name! : InvalidNamePlaceholder;

    /// <summary>
    /// True when <paramref name="name"/> follows Pinterest's rule for advertiser-defined names: 1 to 100 ASCII letters,
    /// digits, <c>_</c> or <c>-</c>, nothing trimmed. It must also match a name defined in Ads Manager, which only
    /// Pinterest can check.
    /// </summary>
    public static bool IsValidAdvertiserDefined(string? name)
    {
        if (name is null || name.Length is 0 or > MaxLength) return false;
        foreach (var c in name)
        {
            if (!(c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_' or '-')) return false;
        }
        return true;
    }
}
