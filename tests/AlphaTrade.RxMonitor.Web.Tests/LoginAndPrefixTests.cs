using System.Text.Json;
using AlphaTrade.RxMonitor.Web.Tests.Support;
using Microsoft.Playwright;

namespace AlphaTrade.RxMonitor.Web.Tests;

/// <summary>The page with an API token (a login, not a blank page) and under a user's path prefix (the WebApi example).</summary>
[Trait("Category", "Integration")]
public sealed class LoginAndPrefixTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Token = "browser-test-token-0123456789";

    [Fact]
    public async Task Page_WithAnApiToken_AsksForALoginThenShowsTheDashboard()
    {
        await using var rxmon = await ServerProcess.StartRxmonAsync("""{"RxMonitor": {"DefaultRules": false}}""", "--api-token", Token);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(rxmon.BaseAddress.ToString());

        await page.Locator("#login").WaitForAsync();
        var appHiddenBeforeLogin = await page.Locator("#app").IsHiddenAsync();
        await page.Locator("#token").FillAsync("wrong-token-wrong-token");
        await page.Locator("#login-form button[type='submit']").ClickAsync();
        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("not the configured API token");
        await page.Locator("#token").FillAsync(Token);
        await page.Locator("#login-form button[type='submit']").ClickAsync();
        await page.Locator("#app").WaitForAsync();
        await page.Locator("#live[data-live='on']").WaitForAsync();
        await Assertions.Expect(page.Locator("#status")).Not.ToHaveTextAsync("…");
        var cookie = Assert.Single(await context.CookiesAsync(), static c => c.Name == "rxmon_session");
        using var anonymous = new HttpClient { BaseAddress = rxmon.BaseAddress };
        using var withoutToken = await anonymous.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.True(appHiddenBeforeLogin);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal(401, (int)withoutToken.StatusCode);
    }

    [Fact]
    public async Task Page_UnderTheWebApiExamplesPrefix_LoadsWithItsHealthAndOnlyItsOwnRequests()
    {
        await using var app = await ServerProcess.StartWebApiExampleAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        var watch = new PageWatch(page);

        await page.GotoAsync(new Uri(app.BaseAddress.ToString().TrimEnd('/')).ToString());
        await page.Locator("#app").WaitForAsync();
        await page.Locator("#live[data-live='on']").WaitForAsync();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
        var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync(health.GetProperty("status").GetString()!);

        Assert.StartsWith(app.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
        Assert.All(watch.Requests, url => Assert.StartsWith(app.BaseAddress.ToString().TrimEnd('/'), url, StringComparison.Ordinal));
        Assert.True(watch.Errors.IsEmpty, string.Join("\n", watch.Errors));
    }
}
