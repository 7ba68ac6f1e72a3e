using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Pinterest.Conversions.Sandbox.Hosting;

/// <summary>
/// Reads the standalone sandbox's options from configuration section <c>Sandbox</c> (command line
/// <c>--Sandbox:AdAccountId=123</c>, environment <c>Sandbox__AccessToken</c>, appsettings), without reflection.
/// </summary>
internal static class SandboxConfiguration
{
    public const string Section = "Sandbox";

    public static void Bind(IConfiguration section, PinterestSandboxOptions options)
    {
        if (section["AccessToken"] is { Length: > 0 } token) options.AccessToken = token;
        if (section["AdAccountId"] is { Length: > 0 } account) options.AdAccountId = account;
        if (section["AdvertiserDefinedEvents"] is { Length: > 0 } names)
            options.AdvertiserDefinedEvents = names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var child in section.GetSection("AdvertiserDefinedEvents").GetChildren())
        {
            if (child.Value is { Length: > 0 } name) options.AdvertiserDefinedEvents.Add(name);
        }
        if (section["FutureEventTimeTolerance"] is { Length: > 0 } tolerance)
            options.FutureEventTimeTolerance = ParseTimeSpan("FutureEventTimeTolerance", tolerance);
        if (section["MaxEventAge"] is { Length: > 0 } age)
            options.MaxEventAge = ParseTimeSpan("MaxEventAge", age);
        if (section["AllowRemoteAdministration"] is { Length: > 0 } remote)
            options.AllowRemoteAdministration = bool.TryParse(remote, out var allow) ? allow : throw Invalid("AllowRemoteAdministration", "true or false");
        if (section["RecentEventCapacity"] is { Length: > 0 } capacity)
            options.RecentEventCapacity = int.TryParse(capacity, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : throw Invalid("RecentEventCapacity", "a whole number");
    }

    private static TimeSpan ParseTimeSpan(string key, string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : throw Invalid(key, "a time span such as 00:05:00 or 7.00:00:00");

    // Names the key, not the value: a mistyped option may hold a secret.
    private static FormatException Invalid(string key, string expected) => new($"{Section}:{key} must be {expected}");
}
