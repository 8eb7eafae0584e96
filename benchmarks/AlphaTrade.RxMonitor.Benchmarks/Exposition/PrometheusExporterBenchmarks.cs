using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.Exposition;

/// <summary>
/// Cost of one /metrics scrape: taking the store's snapshot alone (baseline) against rendering the full text of
/// those series plus the pipeline's own metrics, as a string and streamed as UTF-8 (what /metrics does).
/// </summary>
[MemoryDiagnoser]
public class PrometheusExporterBenchmarks
{
    private LatestValueStore _store = null!;
    private PipelineMetrics _metrics = null!;
    private PrometheusExporter _exporter = null!;

    /// <summary>Distinct series in the store.</summary>
    [Params(1_000, 10_000)]
    public int SeriesCount { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = new LatestValueStore(TimeProvider.System);
        var now = TimeProvider.System.GetUtcNow();
        for (var i = 0; i < SeriesCount; i++)
        {
            var key = SeriesKey.Create(
                "bench_value_" + (i % 20).ToString(System.Globalization.CultureInfo.InvariantCulture),
                new Label("host", "host-" + (i % 50).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Label("series", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            _store.OnNext(new MetricSample(key, now, i * 0.5));
        }

        _metrics = new PipelineMetrics();
        _exporter = new PrometheusExporter(_store, _metrics.Meter);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exporter.Dispose();
        _metrics.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int SnapshotOnly() => _store.Snapshot().Count;

    [Benchmark]
    public int Render() => _exporter.Render().Length;

    [Benchmark]
    public async Task<long> WriteToStream()
    {
        await _exporter.WriteAsync(Stream.Null);
        return Stream.Null.Length;
    }
}
