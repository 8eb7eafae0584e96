using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Health;

public sealed class HealthComponentsTests
{
    private readonly TestScheduler _scheduler = new();

    private TimeProvider Clock => _scheduler.AsTimeProvider();

    private void Sample(LatestValueStore latest, string name, double value, params Label[] labels) =>
        latest.OnNext(new MetricSample(SeriesKey.Create(name, labels), _scheduler.Now.UtcTicks, value));

    private static ComponentHealth Check(IHealthComponent component) => component.CheckAsync(CancellationToken.None).AsTask().Result;

    [Fact]
    public void SystemResources_CpuAboveDegradedThreshold_IsDegradedWithReason()
    {
        var latest = new LatestValueStore(Clock);
        Sample(latest, SystemMetricNames.CpuUsagePercent, 90, new Label("cpu", "total"));
        Sample(latest, SystemMetricNames.CpuUsagePercent, 99, new Label("cpu", "0"));
        Sample(latest, SystemMetricNames.MemoryUsagePercent, 40);

        var health = Check(new SystemResourcesHealth(latest, Clock));

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("cpu_percent 90% ≥ 85%", health.Reason);
        Assert.Equal(90.0, health.Data["cpu_percent"]);
    }

    [Fact]
    public void SystemResources_FullestDiskAboveUnhealthyThreshold_IsUnhealthyNamingMount()
    {
        var latest = new LatestValueStore(Clock);
        Sample(latest, SystemMetricNames.DiskUsagePercent, 50, new Label("mountpoint", "/"));
        Sample(latest, SystemMetricNames.DiskUsagePercent, 97, new Label("mountpoint", "/data"));

        var health = Check(new SystemResourcesHealth(latest, Clock));

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("/data", health.Data["disk_mountpoint"]);
    }

    [Fact]
    public void SystemResources_OnlyStaleSamples_IsDegradedForMissingData()
    {
        var latest = new LatestValueStore(Clock);
        Sample(latest, SystemMetricNames.MemoryUsagePercent, 10);
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(6).Ticks);

        var health = Check(new SystemResourcesHealth(latest, Clock));

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("no system samples", health.Reason);
    }

    [Fact]
    public void Database_PoolAtEightyPercent_IsDegraded()
    {
        var metrics = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading", MaxPoolSize = 10 }, Clock);
        for (var i = 0; i < 8; i++)
        {
            metrics.ConnectionOpened();
        }

        var health = Check(new DatabaseHealth(metrics));

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("pool_usage_percent 80% ≥ 80%", health.Reason);
        Assert.Equal("database:trading", health.Name);
    }

    [Fact]
    public void Database_ProbeFailed_IsUnhealthy()
    {
        var metrics = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading" }, Clock);
        metrics.RecordProbe(succeeded: false, latency: null);

        var health = Check(new DatabaseHealth(metrics));

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Contains("probe failed", health.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BackgroundTasks_TaskMissedThreeHeartbeats_IsUnhealthy()
    {
        var monitor = new BackgroundTaskMonitor(Clock);
        monitor.Register("snapshot", TimeSpan.FromMinutes(1));
        monitor.Register("ok", TimeSpan.FromHours(1));
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(3).Ticks);

        var health = Check(new BackgroundTasksHealth(monitor));

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("snapshot missed 3 heartbeat(s)", health.Reason);
    }

    [Fact]
    public void BackgroundTasks_LastRunFailed_IsDegradedWithError()
    {
        var monitor = new BackgroundTaskMonitor(Clock);
        monitor.Register("eod", TimeSpan.FromMinutes(5)).ReportFailure(new InvalidOperationException("disk full"));

        var health = Check(new BackgroundTasksHealth(monitor));

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("eod failed 1 run(s) in a row: disk full", health.Reason);
    }

    [Fact]
    public void DataFreshness_SnapshotOlderThanAnHour_IsDegraded()
    {
        var application = new ApplicationMetrics(Clock);
        application.Data("snapshot");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(3600).Ticks);

        var health = Check(new DataFreshnessHealth(application, Clock));

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("snapshot_age_seconds 3600 s ≥ 3600 s", health.Reason);
    }

    [Fact]
    public void Pipeline_DropsIncreased_IsDegradedOnceThenHealthy()
    {
        var figures = new PipelineHealthFigures(5, TimeSpan.Zero, [], 0);
        var pipeline = new PipelineHealth(new FixedPipeline(() => figures));

        var first = Check(pipeline);
        var second = Check(pipeline);

        Assert.Equal(HealthStatus.Degraded, first.Status);
        Assert.Equal("ingest dropped 5 sample(s)", first.Reason);
        Assert.Equal(HealthStatus.Healthy, second.Status);
    }

    [Fact]
    public void Pipeline_FaultedRulesAndLag_ListsEveryReason()
    {
        var pipeline = new PipelineHealth(new FixedPipeline(() => new PipelineHealthFigures(0, TimeSpan.FromSeconds(90), ["HighCpu"], 2)));

        var health = Check(pipeline);

        Assert.Equal(HealthStatus.Unhealthy, health.Status);
        Assert.Equal("ingest_lag_seconds 90 s ≥ 60 s; sinks dropped 2 notification(s); faulted rules: HighCpu", health.Reason);
    }

    [Fact]
    public void Pipeline_SeriesRejectedAtTheLimit_IsDegradedNamingTheOption()
    {
        var pipeline = new PipelineHealth(new FixedPipeline(() => new PipelineHealthFigures(0, TimeSpan.Zero, [], 0) { SeriesRejected = 3 }));

        var health = Check(pipeline);

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("series limit reached: 3 sample(s) of new series rejected (RxMonitor:Ingest:MaxSeries)", health.Reason);
    }

    [Fact]
    public void Pipeline_LateSamplesAfterAClockStep_IsDegradedNamingHowFarBehind()
    {
        var pipeline = new PipelineHealth(new FixedPipeline(() => new PipelineHealthFigures(0, TimeSpan.Zero, [], 0)
        {
            IngestLate = 4,
            IngestLateMaxBehind = TimeSpan.FromMilliseconds(1500),
        }));

        var health = Check(pipeline);

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal(
            "ingest dropped 4 late sample(s), older than their series' newest by up to 1.5 s (explicit times out of order, or the clock stepped back)",
            health.Reason);
    }

    private sealed class FixedPipeline(Func<PipelineHealthFigures> figures) : IPipelineHealth
    {
        public PipelineHealthFigures GetFigures() => figures();
    }
}
