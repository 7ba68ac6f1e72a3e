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
            options.FutureEventTimeTolerance = TimeSpan.Parse(tolerance, CultureInfo.InvariantCulture);
        if (section["MaxEventAge"] is { Length: > 0 } age)
            options.MaxEventAge = TimeSpan.Parse(age, CultureInfo.InvariantCulture);
        if (section["AllowRemoteAdministration"] is { Length: > 0 } remote)
            options.AllowRemoteAdministration = bool.Parse(remote);
        if (section["RecentEventCapacity"] is { Length: > 0 } capacity)
            options.RecentEventCapacity = int.Parse(capacity, CultureInfo.InvariantCulture);
    }
}
