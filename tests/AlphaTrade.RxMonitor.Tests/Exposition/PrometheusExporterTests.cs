using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Exposition;

public sealed class PrometheusExporterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static (LatestValueStore Store, TestScheduler Clock) NewStore()
    {
        var clock = new TestScheduler();
        clock.AdvanceTo(Start.UtcTicks);
        return (new LatestValueStore(clock.AsTimeProvider()), clock);
    }

    private static void Add(LatestValueStore store, string series, double value, DateTimeOffset? at = null) =>
        store.OnNext(new MetricSample(SeriesKey.Parse(series), at ?? Start, value));

    [Fact]
    public void Render_NothingToExpose_IsEmpty()
    {
        var (store, _) = NewStore();
        using var exporter = new PrometheusExporter(store, null);

        Assert.Equal(string.Empty, exporter.Render());
    }

    [Fact]
    public void Render_OneSeries_WritesHelpTypeAndSample()
    {
        var (store, _) = NewStore();
        Add(store, "cpu_usage_percent{host=\"a\"}", 12.5);
        using var exporter = new PrometheusExporter(store, null);

        Assert.Equal(
            "# HELP cpu_usage_percent Latest value of cpu_usage_percent seen by RxMonitor.\n" +
            "# TYPE cpu_usage_percent gauge\n" +
            "cpu_usage_percent{host=\"a\"} 12.5\n",
            exporter.Render());
    }

    [Fact]
    public void Render_SeveralFamiliesAndSeries_SortedByNameThenLabels()
    {
        var (store, _) = NewStore();
        Add(store, "mem{host=\"b\"}", 2);
        Add(store, "cpu{host=\"b\"}", 3);
        Add(store, "mem{host=\"a\",zone=\"x\"}", 1);
        Add(store, "mem{host=\"a\"}", 4);
        Add(store, "cpu", 5);
        using var exporter = new PrometheusExporter(store, null);

        var lines = exporter.Render().Split('\n').Where(static l => !l.StartsWith('#') && l.Length > 0);

        Assert.Equal(["cpu 5", "cpu{host=\"b\"} 3", "mem{host=\"a\"} 4", "mem{host=\"a\",zone=\"x\"} 1", "mem{host=\"b\"} 2"], lines);
    }

    [Fact]
    public void Render_LabelValueWithBackslashQuoteAndNewLine_IsEscaped()
    {
        var (store, _) = NewStore();
        store.OnNext(new MetricSample(SeriesKey.Create("q", new Label("sql", "a\\b \"c\"\nd")), Start, 1));
        using var exporter = new PrometheusExporter(store, null);

        Assert.Contains("q{sql=\"a\\\\b \\\"c\\\"\\nd\"} 1\n", exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NameEndingInTotal_IsTypedCounter()
    {
        var (store, _) = NewStore();
        Add(store, "orders_total", 3);
        using var exporter = new PrometheusExporter(store, null);

        Assert.Contains("# TYPE orders_total counter\n", exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SpecialValues_WrittenAsPrometheusSpells()
    {
        var (store, _) = NewStore();
        Add(store, "v{k=\"nan\"}", double.NaN);
        Add(store, "v{k=\"pinf\"}", double.PositiveInfinity);
        Add(store, "v{k=\"ninf\"}", double.NegativeInfinity);
        Add(store, "v{k=\"big\"}", 1e21);
        using var exporter = new PrometheusExporter(store, null);

        var text = exporter.Render();

        Assert.Contains("v{k=\"nan\"} NaN\n", text, StringComparison.Ordinal);
        Assert.Contains("v{k=\"pinf\"} +Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("v{k=\"ninf\"} -Inf\n", text, StringComparison.Ordinal);
        Assert.Contains("v{k=\"big\"} 1E+21\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IncludeTimestamps_WritesUnixMilliseconds()
    {
        var (store, _) = NewStore();
        Add(store, "cpu", 1, Start.AddMilliseconds(-1500));
        using var exporter = new PrometheusExporter(store, null) { IncludeTimestamps = true };

        Assert.Contains($"cpu 1 {Start.ToUnixTimeMilliseconds() - 1500}\n", exporter.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SeriesStaleForMoreThanFiveMinutes_IsOmitted()
    {
        var (store, clock) = NewStore();
        Add(store, "old", 1);
        Add(store, "fresh", 2, Start.AddMinutes(1));
        using var exporter = new PrometheusExporter(store, null);

        clock.AdvanceTo(Start.AddMinutes(6).UtcTicks);
        var text = exporter.Render();

        Assert.DoesNotContain("old", text, StringComparison.Ordinal);
        Assert.Contains("fresh 2\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DescribedFamily_UsesItsTypeAndEscapedHelp()
    {
        var (store, _) = NewStore();
        Add(store, "queue_length", 1);
        using var exporter = new PrometheusExporter(store, null);

        exporter.Describe("queue_length", PrometheusMetricType.Untyped, "Length of C:\\queue\nin items.");

        Assert.StartsWith(
            "# HELP queue_length Length of C:\\\\queue\\nin items.\n# TYPE queue_length untyped\n",
            exporter.Render(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_CounterWithoutTotalSuffix_Throws()
    {
        using var exporter = new PrometheusExporter(null, null);

        var error = Assert.Throws<ArgumentException>(() => exporter.Describe("orders", PrometheusMetricType.Counter, "Orders."));

        Assert.Contains("'orders' must end in _total", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_GaugeWithTotalSuffix_Throws()
    {
        using var exporter = new PrometheusExporter(null, null);

        var error = Assert.Throws<ArgumentException>(() => exporter.Describe("orders_total", PrometheusMetricType.Gauge, "Orders."));

        Assert.Contains("'orders_total' ends in _total, which Prometheus reserves for counters.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PipelineMetrics_UsesPrometheusNamesTypesAndHelp()
    {
        using var metrics = new PipelineMetrics();
        using var registration = metrics.Register(() => new IngestStatistics(10, 8, 1, 0, 0, 0, 2, 1, TimeSpan.FromMilliseconds(3)));
        using var exporter = new PrometheusExporter(null, metrics.Meter);

        var text = exporter.Render();

        Assert.Contains(
            "# HELP rxmonitor_ingest_samples_accepted_total Samples queued by the ingest hand-off since start.\n" +
            "# TYPE rxmonitor_ingest_samples_accepted_total counter\n" +
            "rxmonitor_ingest_samples_accepted_total 10\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("# TYPE rxmonitor_ingest_queue_depth gauge\nrxmonitor_ingest_queue_depth 2\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE rxmonitor_ingest_handoff_lag_seconds gauge\nrxmonitor_ingest_handoff_lag_seconds 0.003\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PipelineCounterAddedTwice_ShowsTheSumPerTag()
    {
        using var metrics = new PipelineMetrics();
        using var exporter = new PrometheusExporter(null, metrics.Meter);

        metrics.RuleFaulted("high_cpu");
        metrics.RuleFaulted("high_cpu");
        metrics.SinkDropped("webhook", 4);
        var text = exporter.Render();

        Assert.Contains("rxmonitor_rules_faulted_total{rule=\"high_cpu\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("rxmonitor_sinks_dropped_total{sink=\"webhook\"} 4\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnyMeterWithSynchronousInstruments_SumsCountersAndKeepsLastGauge()
    {
        using var meter = new System.Diagnostics.Metrics.Meter("Test.Exposition." + Guid.NewGuid().ToString("N"));
        var requests = meter.CreateCounter<long>("app.requests", "{request}", "Requests served.");
        var inFlight = meter.CreateUpDownCounter<int>("app.in_flight", "{request}", "Requests in flight.");
        var temperature = meter.CreateGauge<double>("app.temperature", "Cel", "Temperature.");
        meter.CreateHistogram<double>("app.latency", "s");
        using var exporter = new PrometheusExporter(null, meter);

        requests.Add(2, new KeyValuePair<string, object?>("route", "/a"));
        requests.Add(3, new KeyValuePair<string, object?>("route", "/a"));
        inFlight.Add(4);
        inFlight.Add(-1);
        temperature.Record(21.5);
        temperature.Record(22);
        var text = exporter.Render();

        Assert.Contains("# TYPE app_requests_total counter\napp_requests_total{route=\"/a\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE app_in_flight gauge\napp_in_flight 3\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE app_temperature_celsius gauge\napp_temperature_celsius 22\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("latency", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwoInstrumentsWithTheSamePrometheusName_ExposesTheFirstByInstrumentName()
    {
        using var meter = new System.Diagnostics.Metrics.Meter("Test.Exposition." + Guid.NewGuid().ToString("N"));
        meter.CreateObservableGauge("app_depth", static () => 2);
        meter.CreateObservableGauge("app.depth", static () => 1);
        using var exporter = new PrometheusExporter(null, meter);

        var text = exporter.Render();

        Assert.Single(text.Split('\n'), static l => l.StartsWith("# TYPE app_depth", StringComparison.Ordinal));
        Assert.Contains("app_depth 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnObservableCallbackThrows_OtherInstrumentsStillExposed()
    {
        using var meter = new System.Diagnostics.Metrics.Meter("Test.Exposition." + Guid.NewGuid().ToString("N"));
        meter.CreateObservableGauge<long>("app.broken", static long () => throw new InvalidOperationException("boom"));
        meter.CreateObservableGauge("app.fine", static () => 7);
        using var exporter = new PrometheusExporter(null, meter);

        var text = exporter.Render();

        Assert.Contains("app_fine 7\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("app_broken", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StoreSeriesNamedLikeAPipelineFamily_PipelineFamilyWins()
    {
        var (store, _) = NewStore();
        Add(store, "rxmonitor_ingest_queue_depth{fake=\"1\"}", 99);
        using var metrics = new PipelineMetrics();
        using var exporter = new PrometheusExporter(store, metrics.Meter);

        var text = exporter.Render();

        Assert.DoesNotContain("fake", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l == "# TYPE rxmonitor_ingest_queue_depth gauge");
    }

    [Fact]
    public void Render_SameState_SameText()
    {
        var (store, _) = NewStore();
        for (var i = 0; i < 50; i++)
        {
            Add(store, $"s{i % 7}{{i=\"{i}\"}}", i);
        }

        using var metrics = new PipelineMetrics();
        using var exporter = new PrometheusExporter(store, metrics.Meter);

        Assert.Equal(exporter.Render(), exporter.Render());
    }

    [Fact]
    public async Task WriteAsync_ManyNonAsciiSeries_WritesTheRenderedTextAsUtf8()
    {
        var (store, _) = NewStore();
        for (var i = 0; i < 3_000; i++)
        {
            store.OnNext(new MetricSample(SeriesKey.Create("pnl", new Label("desk", new string('x', i % 7) + "€😀" + i)), Start, i));
        }

        using var exporter = new PrometheusExporter(store, null);
        using var stream = new MemoryStream();

        await exporter.WriteAsync(stream);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(exporter.Render()), stream.ToArray());
    }
}
