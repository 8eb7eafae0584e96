using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Get_Metrics_ServesPrometheusTextOfTheStore()
    {
        var store = new LatestValueStore(TimeProvider.System);
        store.OnNext(new MetricSample(SeriesKey.Create("cpu_usage_ratio", new Label("host", "a")), TimeProvider.System.GetUtcNow(), 0.5));
        using var exporter = new PrometheusExporter(store, null);
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources { Metrics = exporter });

        using var response = await running.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("cpu_usage_ratio{host=\"a\"} 0.5\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_MetricsWithoutExporter_NotFound()
    {
        await using var running = await RunningServer.StartAsync(new RxMonitorEndpointSources());

        using var response = await running.Client.GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(404, (int)response.StatusCode);
    }
}
