using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Pinterest.Conversions.Sandbox.Hosting;

/// <summary>
/// The standalone sandbox's options in configuration section <c>Sandbox</c> (command line
/// <c>--Sandbox:AdAccountId=123</c>, environment <c>Sandbox__AccessToken</c>, appsettings), read without reflection.
/// <see cref="Settings"/> is the one list of them: <see cref="Bind"/> reads it, and the command line takes its known
/// options and its help from it, so a new option is one row.
/// </summary>
internal static class SandboxConfiguration
{
    public const string Section = "Sandbox";

    public static readonly SandboxSetting[] Settings =
    [
        new("AccessToken", "<token>", "the one bearer token accepted (default: any non-empty token); better given as environment Sandbox__AccessToken",
            (options, value) => options.AccessToken = value),
        new("AdAccountId", "<id>", "the one ad account id accepted; others get 403",
            (options, value) => options.AdAccountId = value),
        new("AdvertiserDefinedEvents", "<names>", "advertiser-defined event names, comma separated",
            (options, value) => options.AdvertiserDefinedEvents = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()),
        new("FutureEventTimeTolerance", "<d.hh:mm:ss>", "clock skew allowed for event_time (default 00:01:00)",
            (options, value) => options.FutureEventTimeTolerance = ParseTimeSpan("FutureEventTimeTolerance", value)),
        new("MaxEventAge", "<d.hh:mm:ss>", "fail events older than this (default: none)",
            (options, value) => options.MaxEventAge = ParseTimeSpan("MaxEventAge", value)),
        new("RecentEventCapacity", "<n>", "events kept for the dashboard (default 100)",
            (options, value) => options.RecentEventCapacity = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
                ? count : throw Invalid("RecentEventCapacity", "a whole number")),
        new("AllowRemoteAdministration", "<true|false>", "reset and the fault plan from callers beyond loopback (default false)",
            (options, value) => options.AllowRemoteAdministration = bool.TryParse(value, out var allow) ? allow : throw Invalid("AllowRemoteAdministration", "true or false")),
    ];

    public static void Bind(IConfiguration section, PinterestSandboxOptions options)
    {
        foreach (var setting in Settings)
        {
            if (section[setting.Key] is { Length: > 0 } value) setting.Apply(options, value);
        }

        // appsettings.json may also give the names as an array.
        foreach (var child in section.GetSection("AdvertiserDefinedEvents").GetChildren())
        {
            if (child.Value is { Length: > 0 } name) options.AdvertiserDefinedEvents.Add(name);
        }
    }

    private static TimeSpan ParseTimeSpan(string key, string value) =>
        TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) ? span : throw Invalid(key, "a time span such as 00:05:00 or 7.00:00:00");

    // Names the key, not the value: a mistyped option may hold a secret.
    private static FormatException Invalid(string key, string expected) => new($"{Section}:{key} must be {expected}");
}

/// <summary>One option of section <c>Sandbox</c>: its key, how its value looks and what it does (for the help), and how it is applied.</summary>
internal sealed record SandboxSetting(string Key, string Value, string Meaning, Action<PinterestSandboxOptions, string> Apply);
