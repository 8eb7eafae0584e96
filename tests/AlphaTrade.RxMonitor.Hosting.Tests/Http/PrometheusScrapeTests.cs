using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Hosting.Http;
using AlphaTrade.RxMonitor.Hosting.Tests.Support;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Http;

/// <summary>Integration: a real Prometheus 2.42 scrapes our /metrics (with the bearer token) and answers queries on our series.</summary>
[Trait("Category", "Integration")]
public sealed class PrometheusScrapeTests
{
    private const string Token = "scrape-token-0123456789";

    [Fact]
    public async Task Scrape_ByRealPrometheus_QueryReturnsOurSeriesAndPipelineMetrics()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var ingest = new MetricIngest(new IngestOptions(), TimeProvider.System);
        var store = new LatestValueStore(TimeProvider.System);
        using var subscription = ingest.Samples.Subscribe(store);
        using var metrics = new PipelineMetrics();
        using var registration = metrics.Register(ingest.GetStatistics);
        using var exporter = new PrometheusExporter(store, metrics.Meter);
        var series = SeriesKey.Create("rxmon_it_orders_in_flight", new Label("desk", "fx"));
        ingest.Record(series, 41);
        ingest.Record(series, 42);
        ingest.Drain();
        await using var server = new RxMonitorHttpServer(new RxMonitorHttpOptions { Port = 0, ApiToken = Token }, new RxMonitorEndpointSources { Metrics = exporter });
        await server.StartAsync(deadline.Token);
        await using var prometheus = await PrometheusProcess.StartAsync(server.BaseAddress, Token, deadline.Token);

        var ours = await prometheus.QueryUntilPresentAsync("rxmon_it_orders_in_flight", deadline.Token);
        var accepted = await prometheus.QueryUntilPresentAsync("rxmonitor_ingest_samples_accepted_total", deadline.Token);

        Assert.True(ours.HasValue, "Prometheus did not return rxmon_it_orders_in_flight within 30 s (scrape failed or never happened).");
        Assert.Equal("42", ours.Value.GetProperty("value")[1].GetString());
        Assert.Equal("fx", ours.Value.GetProperty("metric").GetProperty("desk").GetString());
        Assert.Equal("rxmon", ours.Value.GetProperty("metric").GetProperty("job").GetString());
        Assert.True(accepted.HasValue, "Prometheus did not return rxmonitor_ingest_samples_accepted_total within 30 s.");
        Assert.Equal("2", accepted.Value.GetProperty("value")[1].GetString());
    }
}
