namespace Pinterest.Conversions.Sandbox.Endpoint;

/// <summary>The path parameter <c>ad_account_id</c>: <c>pattern ^\d+$</c>, <c>maxLength 18</c> (docs/pinterest-api.md §1).</summary>
internal static class AdAccountIds
{
    public const int MaxLength = 18;

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && id.All(char.IsAsciiDigit);
}
