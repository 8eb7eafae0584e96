using System.Text.Json;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class HealthEndpointTests
{
    private static async Task<(int Code, JsonElement Body)> GetHealthAsync(IHealthProvider provider)
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Health = provider });
        using var response = await running.Client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return ((int)response.StatusCode, json.RootElement.Clone());
    }

    [Fact]
    public async Task Get_Healthy_200WithStatusAndReport()
    {
        var (code, body) = await GetHealthAsync(new FakeHealthProvider(new(HealthStatus.Healthy, new { Checks = new[] { "cpu" } })));

        Assert.Equal(200, code);
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("cpu", body.GetProperty("report").GetProperty("checks")[0].GetString());
    }

    [Fact]
    public async Task Get_Degraded_200()
    {
        var (code, body) = await GetHealthAsync(new FakeHealthProvider(new(HealthStatus.Degraded, null)));

        Assert.Equal(200, code);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_Unhealthy_503()
    {
        var (code, body) = await GetHealthAsync(new FakeHealthProvider(new(HealthStatus.Unhealthy, null)));

        Assert.Equal(503, code);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Get_ProviderThrows_503WithTheReason()
    {
        var (code, body) = await GetHealthAsync(new FakeHealthProvider(default, new InvalidOperationException("store unreachable")));

        Assert.Equal(503, code);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Contains("store unreachable", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
