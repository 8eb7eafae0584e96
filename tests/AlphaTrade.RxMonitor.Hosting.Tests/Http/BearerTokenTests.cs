using System.Net.Http.Headers;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class BearerTokenTests
{
    private const string Token = "s3cret-token-0123456789";

    private static Task<RunningServer> StartAsync() => RunningServer.StartAsync(
        new RxMonitorEndpointSources
        {
            Health = new FakeHealthProvider(new(HealthStatus.Healthy, null)),
            Alerts = new FakeAlertsProvider(),
        },
        Token);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, AuthenticationHeaderValue? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = authorization;
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Get_TokenConfiguredNoHeader_401WithChallenge()
    {
        await using var running = await StartAsync();

        using var response = await GetAsync(running.Client, "/health", null);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task Get_WrongToken_401()
    {
        await using var running = await StartAsync();

        using var response = await GetAsync(running.Client, "/alerts", new AuthenticationHeaderValue("Bearer", Token + "x"));

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Get_TokenInAnotherScheme_401()
    {
        await using var running = await StartAsync();

        using var response = await GetAsync(running.Client, "/alerts", new AuthenticationHeaderValue("Basic", Token));

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Get_RightToken_ServesEveryEndpoint()
    {
        await using var running = await StartAsync();

        using var health = await GetAsync(running.Client, "/health", new AuthenticationHeaderValue("Bearer", Token));
        using var alerts = await GetAsync(running.Client, "/alerts", new AuthenticationHeaderValue("Bearer", Token));

        Assert.Equal((200, 200), ((int)health.StatusCode, (int)alerts.StatusCode));
    }
}
