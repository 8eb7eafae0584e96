using AlphaTrade.RxMonitor.Web.Tests.Support;
using Microsoft.Playwright;

namespace AlphaTrade.RxMonitor.Web.Tests;

/// <summary>An alert that starts firing while the page is open shows up without a reload, with its band on its series' chart.</summary>
[Trait("Category", "Integration")]
public sealed class LiveAlertTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Alert_FiringWhileThePageIsOpen_AppearsWithoutReloadWithItsBand()
    {
        await using var rxmon = await ServerProcess.StartRxmonAsync("""
            {"RxMonitor": {"DefaultRules": false, "Rules": [{"name": "MemoryHeld", "series": "system_memory_usage_percent", "threshold": {"above": 0}, "for": "12s"}]}}
            """);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(45_000);
        var watch = new PageWatch(page);
        await page.GotoAsync(new Uri(rxmon.BaseAddress, "/?range=5m").ToString());
        await page.Locator("#live[data-live='on']").WaitForAsync();
        var firingAtLoad = await page.Locator("#alerts tbody tr[data-state='firing']").CountAsync();
        var navigations = 0;
        page.FrameNavigated += (_, _) => navigations++;

        await page.Locator("#alerts tbody tr[data-rule='MemoryHeld'][data-state='firing']").WaitForAsync();
        var chart = page.Locator(".chart[data-series='system_memory_usage_percent']");
        await Assertions.Expect(chart).Not.ToHaveAttributeAsync("data-firing-bands", "0");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-firing-bands", new System.Text.RegularExpressions.Regex("^[1-9]"));
        await Assertions.Expect(page.Locator("#timeline .track[data-rule='MemoryHeld'] .segment.firing")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "dashboard-alert.png"), FullPage = true });

        Assert.Equal(0, firingAtLoad);
        Assert.Equal(0, navigations);
        Assert.True(watch.Errors.IsEmpty, string.Join("\n", watch.Errors));
    }
}
