using System.Net;
using System.Text;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary>The dashboard's login: a token exchanged for an HttpOnly, SameSite=Strict session cookie; bearer tokens still work.</summary>
public sealed class LoginTests : IAsyncLifetime
{
    private const string Token = "0123456789abcdef-token";
    private RunningServer? _running;

    public async Task InitializeAsync() =>
        _running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Health = new FakeHealthProvider(new HealthEndpointResult(HealthStatus.Healthy, null)) }, Token);

    public async Task DisposeAsync() => await _running!.DisposeAsync();

    private Task<HttpResponseMessage> LoginAsync(string token) =>
        _running!.Client.PostAsync(new Uri("/api/login", UriKind.Relative), new StringContent($$"""{"token":"{{token}}"}""", Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Login_RightToken_SetsAnHttpOnlyStrictCookieThatOpensTheApi()
    {
        using var login = await LoginAsync(Token);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var health = await _running!.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        Assert.StartsWith(AccessGuard.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Login_WrongToken_401AndNoCookie()
    {
        using var login = await LoginAsync("not-the-token-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.False(login.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Api_MadeUpSessionCookie_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        request.Headers.Add("Cookie", AccessGuard.CookieName + "=forged");

        using var health = await _running!.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, health.StatusCode);
    }

    [Fact]
    public async Task Logout_ClosesTheSession()
    {
        using var login = await LoginAsync(Token);
        var cookie = login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var logout = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/logout", UriKind.Relative));
        logout.Headers.Add("Cookie", cookie);
        (await _running!.Client.SendAsync(logout)).Dispose();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/health", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);

        using var health = await _running.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, health.StatusCode);
    }

    [Fact]
    public async Task Login_FromAForeignOrigin_Refused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/login", UriKind.Relative))
        {
            Content = new StringContent($$"""{"token":"{{Token}}"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await _running!.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
