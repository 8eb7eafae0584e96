using System.Net;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary>The endpoints mapped into a user's own ASP.NET Core application, under a path prefix, next to its own routes.</summary>
public sealed class MapRxMonitorTests
{
    [Fact]
    public async Task MapRxMonitor_NoArguments_ServesTheMonitorRegisteredByAddRxMonitor()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRxMonitor(static o => o.DefaultRules = false);
        await using var app = builder.Build();
        app.MapGroup("/monitor").MapRxMonitor();
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var health = await client.GetAsync(new Uri("/monitor/health", UriKind.Relative));
        using var alerts = await client.GetAsync(new Uri("/monitor/alerts", UriKind.Relative));

        Assert.Contains((int)health.StatusCode, new[] { StatusCodes.Status200OK, StatusCodes.Status503ServiceUnavailable });
        Assert.Contains("\"components\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, alerts.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task MapRxMonitor_NoArgumentsWithoutAddRxMonitor_SaysAddRxMonitorIsMissing()
    {
        var builder = WebApplication.CreateSlimBuilder();
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapRxMonitor());

        Assert.Contains("call AddRxMonitor first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapRxMonitor_UnderAGroupInAUsersApp_ServesNextToTheAppsRoutes()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGet("/", () => "the user's app");
        app.MapGroup("/monitor").MapRxMonitor(new RxMonitorEndpointSources
        {
            Health = new FakeHealthProvider(new(HealthStatus.Degraded, null)),
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var health = await client.GetAsync(new Uri("/monitor/health", UriKind.Relative));
        var home = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(StatusCodes.Status200OK, (int)health.StatusCode);
        Assert.Contains("\"degraded\"", await health.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("the user's app", home);
        await app.StopAsync();
    }

    [Fact]
    public async Task MapRxMonitor_UnderAGroup_DashboardAtThePrefixAndTheSessionCookieScopedToIt()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGroup("/monitor").MapRxMonitor(new RxMonitorEndpointSources(), apiToken: "0123456789abcdef-token");
        await app.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First()) };

        using var bare = await client.GetAsync(new Uri("/monitor", UriKind.Relative));
        using var page = await client.GetAsync(new Uri("/monitor/", UriKind.Relative));
        using var login = await client.PostAsync(
            new Uri("/monitor/api/login", UriKind.Relative),
            new StringContent("""{"token":"0123456789abcdef-token"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/monitor/", bare.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("assets/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("path=/monitor/", Assert.Single(login.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        await app.StopAsync();
    }

    [Fact]
    public async Task MapRxMonitor_WithoutAToken_RefusesAForeignHostName()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await using var app = builder.Build();
        app.MapGroup("/monitor").MapRxMonitor(new RxMonitorEndpointSources
        {
            Health = new FakeHealthProvider(new(HealthStatus.Healthy, null)),
        });
        await app.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri("/monitor/health", UriKind.Relative));
        rebound.Headers.Host = "evil.example";

        using var refused = await client.SendAsync(rebound);
        using var served = await client.GetAsync(new Uri("/monitor/health", UriKind.Relative));

        Assert.Equal(StatusCodes.Status403Forbidden, (int)refused.StatusCode);
        Assert.Contains("'evil.example' is not a loopback name", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status200OK, (int)served.StatusCode);
        await app.StopAsync();
    }
}
