using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Facade;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Facade;

/// <summary>The seed's usage example, in C#, end to end in virtual time.</summary>
public sealed class SeedUsageExampleTests
{
    private static readonly string[] AllChecks =
        ["DatabaseConnectionPoolHigh", "DatabaseSlowQueries", "DatabaseFailedQueries", "HighCpu", "HighMemory", "DiskSpaceHigh", "DataStale"];

    private readonly TestScheduler _scheduler = new();
    private readonly LatestValueStore _latest;
    private readonly DatabaseMetrics _database;
    private readonly ApplicationMetrics _application;
    private readonly RxMonitorConfig _config;

    public SeedUsageExampleTests()
    {
        var clock = _scheduler.AsTimeProvider();
        _latest = new LatestValueStore(clock);
        _database = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading", MaxPoolSize = 5 }, clock);
        _application = new ApplicationMetrics(clock);
        _config = new RxMonitorConfig
        {
            Scheduler = _scheduler,
            HealthComponents =
            [
                new SystemResourcesHealth(_latest, clock),
                new DatabaseHealth(_database),
                new DataFreshnessHealth(_application, clock),
            ],
        };
    }

    [Fact]
    public async Task SeedExample_EverythingBreached_ProcessesEveryBreachAndNotifiesThemTogether()
    {
        BreachEverything();

        // The seed's example, as written.
        using var monitor = new SeedHealthMonitor(_config);
        await using var alertManager = new SeedAlertManager(_config);
        var metrics = await monitor.GetHealthMetricsAsync();
        if (alertManager.CheckMetrics(metrics) is { } alert)
        {
            await alertManager.ProcessAlertAsync(alert);
        }

        var perfData = await monitor.GetPerformanceMetricsAsync();

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(31).Ticks);
        Assert.Equal(AllChecks.Order(), alertManager.Manager.GetActiveAlerts().Select(a => a.RuleName).Order());
        var notification = Assert.Single(await alertManager.Manager.History.QueryNotificationsAsync(new AlertHistoryQuery()));
        Assert.Equal(AllChecks.Order(), notification.Alerts.Select(a => a.RuleName).Order());
        var slowest = Assert.Single(perfData.QueryPerformance.Slowest);
        Assert.Equal("SELECT * FROM orders", slowest.Statement);
        Assert.Equal(50, slowest.Count);
        Assert.Equal(50, slowest.Errors);
    }

    [Fact]
    public async Task CheckMetrics_EverythingBreached_ReturnsOneFiringEventPerCheckWithTheSeedSeverities()
    {
        BreachEverything();
        using var monitor = new SeedHealthMonitor(_config);
        await using var alertManager = new SeedAlertManager(_config);

        var batch = alertManager.CheckMetrics(await monitor.GetHealthMetricsAsync());

        Assert.NotNull(batch);
        Assert.Empty(batch.Resolved);
        Assert.Equal(AllChecks, batch.Firing.Select(e => e.RuleName));
        Assert.Equal(
            [Severity.Error, Severity.Warning, Severity.Error, Severity.Warning, Severity.Warning, Severity.Error, Severity.Warning],
            batch.Select(e => e.Severity));
        Assert.All(batch, e => Assert.Equal("health_snapshot", e.Labels.Get("source")));
        Assert.All(batch, e => Assert.Equal(e.RuleName, e.Labels.Get(AlertLabels.AlertName)));
    }

    [Fact]
    public async Task CheckMetrics_ValuesExactlyAtThresholds_FireExceptFreshnessWhichNeedsOlder()
    {
        await using var alertManager = new SeedAlertManager(_config);
        var metrics = Snapshot(pool: 80, queryMs: 1000, failed: 50, cpu: 85, memory: 85, disk: 85, ageSeconds: 3600);

        var batch = alertManager.CheckMetrics(metrics);

        Assert.NotNull(batch);
        Assert.Equal(AllChecks.Take(6), batch.Firing.Select(e => e.RuleName));
    }

    [Fact]
    public async Task CheckMetrics_JustBelowThresholds_ReturnsNull()
    {
        await using var alertManager = new SeedAlertManager(_config);

        Assert.Null(alertManager.CheckMetrics(Snapshot(pool: 79.9, queryMs: 999, failed: 49, cpu: 84.9, memory: 84.9, disk: 84.9, ageSeconds: 3600)));
    }

    [Fact]
    public async Task CheckMetrics_NothingMeasured_ReturnsNull()
    {
        using var monitor = new SeedHealthMonitor(new RxMonitorConfig { Scheduler = _scheduler });
        await using var alertManager = new SeedAlertManager(_config);

        Assert.Null(alertManager.CheckMetrics(await monitor.GetHealthMetricsAsync()));
    }

    [Fact]
    public async Task CheckMetrics_ProcessedBreachClears_ReturnsItsResolutionBesideTheRemainingBreaches()
    {
        await using var alertManager = new SeedAlertManager(_config);
        await alertManager.ProcessAlertAsync(alertManager.CheckMetrics(Snapshot(cpu: 95, disk: 90))!);
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(1).Ticks);

        var batch = alertManager.CheckMetrics(Snapshot(cpu: 40, disk: 90));

        Assert.NotNull(batch);
        Assert.Equal(["HighCpu"], batch.Resolved.Select(e => e.RuleName));
        Assert.Equal(["DiskSpaceHigh"], batch.Firing.Select(e => e.RuleName));
        await alertManager.ProcessAlertAsync(batch);
        Assert.Equal(["DiskSpaceHigh"], alertManager.Manager.GetActiveAlerts().Select(a => a.RuleName));
    }

    [Fact]
    public async Task CheckMetrics_BreachNeverProcessed_ClearingReturnsNull()
    {
        await using var alertManager = new SeedAlertManager(_config);
        Assert.NotNull(alertManager.CheckMetrics(Snapshot(cpu: 95)));

        Assert.Null(alertManager.CheckMetrics(Snapshot(cpu: 40)));
    }

    [Fact]
    public async Task CheckMetrics_RepeatedBreach_IsADuplicateInTheManager()
    {
        await using var alertManager = new SeedAlertManager(_config);
        await alertManager.ProcessAlertAsync(alertManager.CheckMetrics(Snapshot(memory: 90))!);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        await alertManager.ProcessAlertAsync(alertManager.CheckMetrics(Snapshot(memory: 91))!);

        Assert.Single(await alertManager.Manager.GetAlertHistoryAsync(type: "HighMemory"));
        Assert.Equal(1, alertManager.Manager.GetStatistics().Duplicates);
    }

    [Fact]
    public async Task CheckMetrics_ConfiguredThresholds_AreUsed()
    {
        var options = AlertingOptions.FromJson("""{"RxMonitor":{"Alerting":{"healthAlerts":{"cpuUsagePercent":50,"dataFreshnessAgeSeconds":60}}}}""");
        await using var alertManager = new SeedAlertManager(new RxMonitorConfig { Scheduler = _scheduler, Alerting = options });

        var batch = alertManager.CheckMetrics(Snapshot(cpu: 50, ageSeconds: 61));

        Assert.NotNull(batch);
        Assert.Equal(["HighCpu", "DataStale"], batch.Firing.Select(e => e.RuleName));
    }

    [Fact]
    public void Validate_NegativeAndNaNThresholds_NamesEachPath()
    {
        var options = new AlertingOptions { HealthAlerts = new HealthAlertOptions { CpuUsagePercent = -1, FailedQueries = double.NaN } };

        var problems = options.Validate();

        Assert.Equal(
            [
                "RxMonitor:Alerting:HealthAlerts:FailedQueries: must be a finite number of at least 0 (was NaN).",
                "RxMonitor:Alerting:HealthAlerts:CpuUsagePercent: must be a finite number of at least 0 (was -1).",
            ],
            problems.Select(static p => p.ToString()));
    }

    private HealthMetrics Snapshot(
        double? pool = null, double? queryMs = null, long? failed = null, double? cpu = null, double? memory = null, double? disk = null, double? ageSeconds = null) =>
        new()
        {
            Timestamp = _scheduler.Now,
            Status = HealthStatus.Healthy,
            Report = HealthReport.From([], _scheduler.Now),
            ConnectionPoolUsagePercent = pool,
            AverageQueryTimeMs = queryMs,
            FailedQueries = failed,
            CpuUsagePercent = cpu,
            MemoryUsagePercent = memory,
            DiskUsagePercent = disk,
            DataFreshnessAgeSeconds = ageSeconds,
        };

    private void BreachEverything()
    {
        _application.Data("snapshot");
        _scheduler.AdvanceBy(TimeSpan.FromHours(2).Ticks);
        var now = _scheduler.Now.UtcTicks;
        _latest.OnNext(new MetricSample(SeriesKey.Create(SystemMetricNames.CpuUsagePercent, new Label("cpu", "total")), now, 92));
        _latest.OnNext(new MetricSample(SeriesKey.Create(SystemMetricNames.MemoryUsagePercent), now, 88));
        _latest.OnNext(new MetricSample(SeriesKey.Create(SystemMetricNames.DiskUsagePercent, new Label("mountpoint", "/")), now, 97));
        for (var i = 0; i < 4; i++)
        {
            _database.ConnectionOpened();
        }

        for (var i = 0; i < 50; i++)
        {
            _database.RecordCommand("SELECT * FROM orders", TimeSpan.FromSeconds(1.5), success: false);
        }
    }
}
