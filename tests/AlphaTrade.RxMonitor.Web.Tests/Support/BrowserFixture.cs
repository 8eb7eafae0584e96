using Microsoft.Playwright;

namespace AlphaTrade.RxMonitor.Web.Tests.Support;

/// <summary>One headless Debian Chromium per test class, driven by Playwright (no browser download); each test opens its own context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Debian's chromium package, which test.sh installs when missing.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: <c>RXMON_TEST_ARTIFACTS</c>, or <c>artifacts/</c> beside the test assembly.</summary>
    public static string ArtifactsDirectory
    {
        get
        {
            var directory = Environment.GetEnvironmentVariable("RXMON_TEST_ARTIFACTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(directory);
            return directory;
        }
    }

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();

        // Launch gives every run a fresh temporary profile (user-data-dir), deleted on close.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}
