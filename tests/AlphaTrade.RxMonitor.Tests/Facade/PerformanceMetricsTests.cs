using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Facade;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Facade;

public sealed class PerformanceMetricsTests
{
    private readonly TestScheduler _scheduler = new();

    [Fact]
    public async Task GetPerformanceMetricsAsync_DatabaseComponents_QueryPerformanceOfTheirStatements()
    {
        var db = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading" }, _scheduler.AsTimeProvider());
        db.RecordCommand("SELECT * FROM orders WHERE id = 7", TimeSpan.FromMilliseconds(250), success: true);
        db.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(1), success: true);
        using var monitor = new SeedHealthMonitor(new RxMonitorConfig { Scheduler = _scheduler, HealthComponents = [new DatabaseHealth(db)], FailureListener = new RecordingFailureListener() });

        var health = await monitor.GetHealthMetricsAsync();
        var performance = await monitor.GetPerformanceMetricsAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal("SELECT * FROM orders WHERE id = ?", performance.QueryPerformance.Slowest[0].Statement);
        Assert.Equal(0.25, performance.QueryPerformance.Slowest[0].MaxSeconds!.Value, 9);
        Assert.Empty(performance.Capacity);
    }

    [Fact]
    public async Task GetPerformanceMetricsAsync_GivenAnalyzer_ReportsFromItsHistory()
    {
        var now = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        _scheduler.AdvanceTo(now.UtcTicks);
        var history = new InMemoryMetricHistory();
        var disk = SeriesKey.Create(SystemMetricNames.DiskUsagePercent, new Label("mountpoint", "/"));
        history.AddSample(disk, now.AddSeconds(-15), 88);
        var analyzer = new PerformanceAnalyzer(history, [], _scheduler.AsTimeProvider());
        using var monitor = new SeedHealthMonitor(new RxMonitorConfig { Scheduler = _scheduler, FailureListener = new RecordingFailureListener(), Performance = analyzer });

        var performance = await monitor.GetPerformanceMetricsAsync();

        Assert.Same(analyzer, monitor.Performance);
        Assert.Equal(0.88, Assert.Single(performance.Bottlenecks).Saturation, 12);
    }
}
