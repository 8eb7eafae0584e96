using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Health;

public sealed class HealthMonitorTests
{
    private readonly TestScheduler _scheduler = new();

    private static ComponentHealth Result(string name, HealthStatus status, string reason = "r") =>
        new(name, "test", status, reason, new Dictionary<string, object>());

    [Fact]
    public async Task CheckAsync_Components_OverallIsTheWorst()
    {
        using var monitor = new HealthMonitor(
            [new StubComponent("a", () => Result("a", HealthStatus.Degraded)), new StubComponent("b", () => Result("b", HealthStatus.Healthy))],
            _scheduler,
            new RecordingFailureListener());

        var report = await monitor.CheckAsync();

        Assert.Equal(HealthStatus.Degraded, report.Status);
        Assert.Equal(["a", "b"], report.Components.Select(c => c.Name));
    }

    [Fact]
    public async Task CheckAsync_NoComponents_IsHealthy()
    {
        using var monitor = new HealthMonitor([], _scheduler, new RecordingFailureListener());

        Assert.Equal(HealthStatus.Healthy, (await monitor.CheckAsync()).Status);
    }

    [Fact]
    public async Task CheckAsync_ComponentThrows_IsUnhealthyReportedAndOthersStillRun()
    {
        var failures = new RecordingFailureListener();
        using var monitor = new HealthMonitor(
            [new StubComponent("broken", () => throw new InvalidOperationException("boom")), new StubComponent("fine", () => Result("fine", HealthStatus.Healthy))],
            _scheduler,
            failures);

        var report = await monitor.CheckAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Components[0].Status);
        Assert.Equal("check failed: boom", report.Components[0].Reason);
        Assert.Equal(HealthStatus.Healthy, report.Components[1].Status);
        var failure = Assert.Single(failures.Failures);
        Assert.Equal(PipelineComponent.Health, failure.Component);
        Assert.Equal("broken", failure.Name);
    }

    [Fact]
    public void Constructor_DuplicateComponentNames_Throws()
    {
        var component = new StubComponent("same", () => Result("same", HealthStatus.Healthy));

        Assert.Throws<ArgumentException>(() => new HealthMonitor([component, component], _scheduler, new RecordingFailureListener()));
    }

    [Fact]
    public async Task GetHealthMetricsAsync_AllSources_CarriesTheSeedFigures()
    {
        var clock = _scheduler.AsTimeProvider();
        var latest = new LatestValueStore(clock);
        var now = _scheduler.Now.UtcTicks;
        latest.OnNext(new MetricSample(SeriesKey.Create(SystemMetricNames.CpuUsagePercent, new Label("cpu", "total")), now, 42));
        latest.OnNext(new MetricSample(SeriesKey.Create(SystemMetricNames.MemoryUsagePercent), now, 61));
        latest.OnNext(new MetricSample(SeriesKey.Create(SystemMetricNames.DiskUsagePercent, new Label("mountpoint", "/")), now, 77));
        var db = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading", MaxPoolSize = 4 }, clock);
        db.ConnectionOpened();
        db.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(200), success: true);
        db.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(400), success: false);
        var application = new ApplicationMetrics(clock);
        application.Data("snapshot");
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(30).Ticks);
        using var monitor = new HealthMonitor(
            [new SystemResourcesHealth(latest, clock), new DatabaseHealth(db), new DataFreshnessHealth(application, clock)],
            _scheduler,
            new RecordingFailureListener());

        var metrics = await monitor.GetHealthMetricsAsync();

        Assert.Equal(42, metrics.CpuUsagePercent);
        Assert.Equal(61, metrics.MemoryUsagePercent);
        Assert.Equal(77, metrics.DiskUsagePercent);
        Assert.Equal(25, metrics.ConnectionPoolUsagePercent);
        Assert.Equal(300, metrics.AverageQueryTimeMs!.Value, 9);
        Assert.Equal(1, metrics.FailedQueries);
        Assert.Equal(30, metrics.DataFreshnessAgeSeconds);
        Assert.Equal(HealthStatus.Healthy, metrics.Status);
        Assert.Equal(3, metrics.Report.Components.Count);
    }

    [Fact]
    public async Task GetHealthMetricsAsync_NothingMeasured_LeavesFiguresNull()
    {
        using var monitor = new HealthMonitor([], _scheduler, new RecordingFailureListener());

        var metrics = await monitor.GetHealthMetricsAsync();

        Assert.Null(metrics.CpuUsagePercent);
        Assert.Null(metrics.ConnectionPoolUsagePercent);
        Assert.Null(metrics.DataFreshnessAgeSeconds);
    }

    [Fact]
    public void Reports_VerdictChangesOverTime_EmitsFirstAndEachChangeOnly()
    {
        var status = HealthStatus.Healthy;
        using var monitor = new HealthMonitor(
            [new StubComponent("x", () => Result("x", status, status.ToString()))],
            _scheduler,
            new RecordingFailureListener(),
            new HealthMonitorOptions { Interval = TimeSpan.FromSeconds(10) });
        var observer = _scheduler.CreateObserver<HealthReport>();
        using var _ = monitor.Reports.Subscribe(observer);

        _scheduler.AdvanceTo(TimeSpan.FromSeconds(25).Ticks);
        status = HealthStatus.Unhealthy;
        _scheduler.AdvanceTo(TimeSpan.FromSeconds(45).Ticks);
        status = HealthStatus.Healthy;
        _scheduler.AdvanceTo(TimeSpan.FromSeconds(65).Ticks);

        Assert.Equal(
            [HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Healthy],
            observer.Messages.Select(m => m.Value.Value.Status));
        Assert.Equal(
            [1, TimeSpan.FromSeconds(30).Ticks + 1, TimeSpan.FromSeconds(50).Ticks + 1],
            observer.Messages.Select(m => m.Time));
    }

    [Fact]
    public void Reports_Disposed_StopsChecking()
    {
        var checks = 0;
        using var monitor = new HealthMonitor(
            [new StubComponent("x", () => { checks++; return Result("x", HealthStatus.Healthy); })],
            _scheduler,
            new RecordingFailureListener(),
            new HealthMonitorOptions { Interval = TimeSpan.FromSeconds(1) });
        var subscription = monitor.Reports.Subscribe(_ => { });
        _scheduler.AdvanceTo(TimeSpan.FromSeconds(2).Ticks + 1);

        subscription.Dispose();
        _scheduler.AdvanceTo(TimeSpan.FromSeconds(10).Ticks);

        Assert.Equal(3, checks);
    }

    private sealed class StubComponent(string name, Func<ComponentHealth> check) : IHealthComponent
    {
        public string Name { get; } = name;

        public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken) => ValueTask.FromResult(check());
    }
}

public sealed class HealthStatusSourceTests
{
    [Fact]
    public async Task Poll_AfterCheck_EmitsOverallAndComponentStatuses()
    {
        using var monitor = new HealthMonitor(
            [new Fixed("database:trading", HealthStatus.Degraded), new Fixed("system", HealthStatus.Healthy)],
            new TestScheduler(),
            new RecordingFailureListener());
        var source = new HealthStatusSource(monitor);
        await monitor.CheckAsync();
        var observer = new CollectingObserver();

        source.Poll(5, observer);

        Assert.Equal(1, observer.Value(HealthStatusSource.OverallMetric));
        Assert.Equal(1, observer.Value(HealthStatusSource.ComponentMetric, ("component", "database:trading"), ("kind", "test")));
        Assert.Equal(0, observer.Value(HealthStatusSource.ComponentMetric, ("component", "system")));
    }

    [Fact]
    public void Poll_BeforeAnyCheck_EmitsNothing()
    {
        using var monitor = new HealthMonitor([new Fixed("system", HealthStatus.Healthy)], new TestScheduler(), new RecordingFailureListener());
        var observer = new CollectingObserver();

        new HealthStatusSource(monitor).Poll(5, observer);

        Assert.Empty(observer.Samples);
    }

    private sealed class Fixed(string name, HealthStatus status) : IHealthComponent
    {
        public string Name { get; } = name;

        public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult(new ComponentHealth(Name, "test", status, "r", new Dictionary<string, object>()));
    }
}
