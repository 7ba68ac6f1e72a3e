using Microsoft.Playwright;
using Xunit;

namespace Pinterest.Conversions.Testing;

/// <summary>
/// A fact that needs Debian's chromium at <see cref="Chromium.Path"/>. Skipped, with a message, only when chromium is
/// absent and <c>CI</c> is not <c>true</c>; in CI it always runs (and fails without chromium: .ci/run installs it).
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!File.Exists(Chromium.Path) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal))
            Skip = $"{Chromium.Path} is missing (install Debian's chromium: apt-get install -y chromium); the browser test runs in CI.";
    }
}

/// <summary>Debian's chromium driven by Playwright, headless (Playwright never downloads a browser here).</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        ExecutablePath = Path,
        Headless = true,
        Timeout = 30_000,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
