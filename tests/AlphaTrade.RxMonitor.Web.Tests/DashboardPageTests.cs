using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaTrade.RxMonitor.Web.Tests.Support;
using Microsoft.Playwright;

namespace AlphaTrade.RxMonitor.Web.Tests;

/// <summary>The dashboard in Debian's Chromium against a real <c>rxmon run --http</c> process and its SQLite store.</summary>
[Trait("Category", "Integration")]
public sealed class DashboardPageTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private async Task<(IBrowserContext Context, IPage Page, PageWatch Watch)> OpenAsync(string path, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await fixture.Browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            ColorScheme = scheme,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        var watch = new PageWatch(page);
        await page.GotoAsync(new Uri(fixture.BaseAddress, path).ToString());
        await page.Locator("#app").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        return (context, page, watch);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.BaseAddress };
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>The chip's text once it shows the status <c>/health</c> serves (health can change between two reads: up to 5 tries).</summary>
    private async Task<(string? Chip, string? Served)> HealthChipAndServedAsync(IPage page)
    {
        string? chip = null;
        string? served = null;
        for (var attempt = 0; attempt < 5 && (chip is null || chip != served); attempt++)
        {
            served = (await GetJsonAsync("/health")).GetProperty("status").GetString();
            try
            {
                await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(served!, new LocatorAssertionsToHaveTextOptions { Timeout = 3_000 });
            }
            catch (PlaywrightException)
            {
                // The verdict changed between the two reads; read both again.
            }

            chip = await page.Locator("#status").TextContentAsync();
        }

        return (chip, served);
    }

    [Fact]
    public async Task Page_AtRoot_LoadsSameOriginOnlyWithoutErrorsAndShowsTheHealthThatHealthServes()
    {
        var (context, page, watch) = await OpenAsync("/");
        await using (context)
        {
            await page.Locator("#live[data-live='on']").WaitForAsync();
            await page.Locator(".chart .uplot").First.WaitForAsync();
            var (chip, served) = await HealthChipAndServedAsync(page);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "dashboard-light.png"), FullPage = true });
            await page.Locator("#theme").ClickAsync();
            await page.Locator(".chart .uplot").First.WaitForAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "dashboard-dark.png"), FullPage = true });

            Assert.Equal(served, chip);
            Assert.Equal("dark", await page.EvaluateAsync<string>("document.documentElement.dataset.theme"));
            var origin = fixture.BaseAddress.GetLeftPart(UriPartial.Authority);
            Assert.All(watch.Requests, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
            Assert.True(watch.Errors.IsEmpty, string.Join("\n", watch.Errors));
        }
    }

    [Fact]
    public async Task Charts_AnomalyRuleRuns_ItsScoreSeriesChartedOnTheScoreScaleInTheDefaultView()
    {
        var (context, page, watch) = await OpenAsync("/");
        await using (context)
        {
            var chart = page.Locator($".chart[data-selector='{DashboardFixture.AnomalyScoreSeries}']");
            await Assertions.Expect(chart).ToHaveAttributeAsync("data-scale", "score");

            Assert.Equal("auto", await page.Locator(".chart[data-selector='system_memory_usage_percent']").GetAttributeAsync("data-scale"));
            Assert.DoesNotContain("s=", new Uri(page.Url).Query, StringComparison.Ordinal);
            Assert.True(watch.Errors.IsEmpty, string.Join("\n", watch.Errors));
        }
    }

    [Fact]
    public async Task Range_PresetsAndDragZoom_ChangeTheUrlAndTheRequestedResolution()
    {
        var (context, page, watch) = await OpenAsync("/?range=1h");
        await using (context)
        {
            var memoryChart = page.Locator(".chart[data-selector='system_memory_usage_percent']");
            await Assertions.Expect(memoryChart).ToHaveAttributeAsync("data-resolution", "10s");

            await page.Locator("#ranges button[data-range='7d']").ClickAsync();
            await Assertions.Expect(memoryChart).ToHaveAttributeAsync("data-resolution", "1h");
            var weekUrl = page.Url;

            await page.Locator("#ranges button[data-range='24h']").ClickAsync();
            await Assertions.Expect(memoryChart).ToHaveAttributeAsync("data-resolution", "1m");
            var dayUrl = page.Url;

            var box = (await memoryChart.Locator(".u-over").BoundingBoxAsync())!;
            await page.Mouse.MoveAsync(box.X + (box.Width * 0.97f), box.Y + (box.Height / 2));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(box.X + (box.Width * 0.99f), box.Y + (box.Height / 2), new MouseMoveOptions { Steps = 5 });
            await page.Mouse.UpAsync();
            await Assertions.Expect(memoryChart).ToHaveAttributeAsync("data-resolution", "10s");
            var zoomedUrl = page.Url;

            await memoryChart.Locator(".u-over").DblClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("range=24h$"));

            Assert.Contains("range=7d", weekUrl, StringComparison.Ordinal);
            Assert.Contains("range=24h", dayUrl, StringComparison.Ordinal);
            Assert.Matches("from=\\d+&to=\\d+", zoomedUrl);
            var ranges = watch.Requests.Where(static u => u.Contains("api/query_range", StringComparison.Ordinal) && u.Contains("system_memory_usage_percent&", StringComparison.Ordinal))
                .Select(static u => System.Web.HttpUtility.ParseQueryString(new Uri(u).Query))
                .Select(static q => double.Parse(q["to"]!, System.Globalization.CultureInfo.InvariantCulture) - double.Parse(q["from"]!, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();
            Assert.Contains(ranges, static r => Math.Abs(r - 604_800) < 2);
            Assert.Contains(ranges, static r => r < 3_600);
            Assert.True(watch.Errors.IsEmpty, string.Join("\n", watch.Errors));
        }
    }

    [Fact]
    public async Task Silence_FromAnActiveAlert_PrefilledPreviewedCreatedAndExpiredEndToEnd()
    {
        var (context, page, watch) = await OpenAsync("/");
        await using (context)
        {
            var row = page.Locator($"#alerts tbody tr[data-rule='{DashboardFixture.RuleName}']");
            await row.Locator("button.silence").ClickAsync();

            var matchers = await page.Locator("#silence-matchers").InputValueAsync();
            await Assertions.Expect(page.Locator("#silence-preview")).ToHaveAttributeAsync("data-count", "1");
            await page.Locator("#silence-by").FillAsync("browser-test");
            await page.Locator("#silence-comment").FillAsync("end to end");
            await page.Locator("#silence-form button[type='submit']").ClickAsync();
            var silenceRow = page.Locator("#silences tbody tr[data-state='active']");
            await silenceRow.WaitForAsync();
            await Assertions.Expect(row.Locator(".flags")).ToContainTextAsync("silenced");
            var stored = await GetJsonAsync("/api/silences");

            await silenceRow.Locator("button.expire").ClickAsync();
            await page.Locator("#silences tbody tr[data-state='expired']").WaitForAsync();
            var expired = await GetJsonAsync("/api/silences");

            Assert.Equal($"alertname=\"{DashboardFixture.RuleName}\"", matchers);
            var silence = Assert.Single(stored.EnumerateArray());
            Assert.Equal(("browser-test", "active"), (silence.GetProperty("createdBy").GetString(), silence.GetProperty("status").GetProperty("state").GetString()));
            Assert.Equal("expired", Assert.Single(expired.EnumerateArray()).GetProperty("status").GetProperty("state").GetString());
            Assert.True(watch.Errors.IsEmpty, string.Join("\n", watch.Errors));
        }
    }

    [Fact]
    public async Task CrossSitePost_FromAnotherSitesPage_RefusedAndNoSilenceStored()
    {
        await using var context = await fixture.Browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var watch = new PageWatch(page);
        using var otherSite = new OtherSite();
        await page.GotoAsync(otherSite.Address.ToString());
        var target = new Uri(fixture.BaseAddress, "/api/silences").ToString();

        await page.EvaluateAsync(
            """
            async (url) => {
              const body = JSON.stringify({ matchers: [{ name: 'alertname', value: 'MemoryInUseTest', isRegex: false }],
                endsAt: new Date(Date.now() + 3600e3).toISOString(), createdBy: 'evil', comment: 'cross-site' });
              await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body }).catch(() => null);
            }
            """,
            target);
        var silences = await GetJsonAsync("/api/silences");

        Assert.True(watch.Responses.Any(r => r.Url == target), string.Join("\n", watch.Failures.Concat(watch.Requests)));
        var response = Assert.Single(watch.Responses, r => r.Url == target);
        Assert.Equal((int)HttpStatusCode.Forbidden, response.Status);
        Assert.DoesNotContain(silences.EnumerateArray(), static s => s.GetProperty("createdBy").GetString() == "evil");
    }
}
