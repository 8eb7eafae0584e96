using System.Diagnostics;
using AlphaTrade.RxMonitor.Exposition;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Exposition;

/// <summary>Integration: the real <c>promtool check metrics</c> (Debian <c>prometheus</c> package) lints our exposition.</summary>
[Trait("Category", "Integration")]
public sealed class PromtoolConformanceTests
{
    private const string Promtool = "/usr/bin/promtool";

    [Fact]
    public async Task Render_StoreAndPipelineMetrics_PromtoolCheckMetricsFindsNothing()
    {
        var clock = new TestScheduler();
        clock.AdvanceTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks);
        var ingest = new MetricIngest(new IngestOptions(), clock.AsTimeProvider());
        var store = new LatestValueStore(clock.AsTimeProvider());
        using var subscription = ingest.Samples.Subscribe(store);
        using var metrics = new PipelineMetrics();
        using var registration = metrics.Register(ingest.GetStatistics);
        using var alerts = metrics.RegisterActiveAlerts(() => 1);
        metrics.RuleFaulted("high_cpu");
        metrics.SinkDropped("webhook");
        ingest.Record(SeriesKey.Create("cpu_usage_ratio", new Label("host", "db-1"), new Label("cpu", "0")), 0.42);
        ingest.Record(SeriesKey.Create("db_query_duration_seconds", new Label("query", "select \"x\" from t\nwhere a\\b")), 0.003);
        ingest.Record(SeriesKey.Create("orders_total"), 1234);
        ingest.Record(SeriesKey.Create("free_memory_bytes"), double.MaxValue);
        ingest.Drain();
        using var exporter = new PrometheusExporter(store, metrics.Meter) { IncludeTimestamps = true };
        var text = exporter.Render();

        var (exitCode, output) = await RunPromtoolAsync(text);

        Assert.True(exitCode == 0 && output.Length == 0, $"promtool exit {exitCode}: {output}\n--- exposition ---\n{text}");
        Assert.Contains("rxmonitor_ingest_samples_accepted_total 4", text, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string exposition)
    {
        var start = new ProcessStartInfo(Promtool, ["check", "metrics"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("promtool did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
