using Microsoft.Playwright;

namespace Demo.Host.Tests.Browser;

/// <summary>Where the browser tests find Debian's Chromium, and how they launch it.</summary>
internal static class Chromium
{
    /// <summary>Set to <c>require</c> (CI does) to fail, not skip, the browser tests when Chromium is missing.</summary>
    public const string RequireVariable = "LIFESPAN_BROWSER_TESTS";

    /// <summary>Overrides the Chromium executable (default <c>/usr/bin/chromium</c>).</summary>
    public const string PathVariable = "LIFESPAN_CHROMIUM";

    public static string ExecutablePath => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool IsRequired => string.Equals(Environment.GetEnvironmentVariable(RequireVariable), "require", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests are skipped on this machine, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason => File.Exists(ExecutablePath) || IsRequired
        ? null
        : $"Chromium is not installed at {ExecutablePath}: install it (apt-get install -y chromium) or set {PathVariable}. " +
          $"CI sets {RequireVariable}=require, so there a missing Chromium fails these tests.";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{RequireVariable}=require, but Chromium is not installed at {ExecutablePath}: run apt-get install -y chromium.");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Timeout = 60_000,
        });
    }
}
