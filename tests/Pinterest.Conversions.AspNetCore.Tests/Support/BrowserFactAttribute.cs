using Xunit;

namespace Pinterest.Conversions.AspNetCore.Tests;

/// <summary>
/// A fact that needs Debian's chromium at <see cref="ChromiumPath"/> (as in the shop's tests). Skipped, with a message,
/// only when chromium is absent and <c>CI</c> is not <c>true</c>; in CI it always runs (and fails without chromium).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal))
            Skip = $"{ChromiumPath} is missing (install Debian's chromium: apt-get install -y chromium); the browser test runs in CI.";
    }
}
