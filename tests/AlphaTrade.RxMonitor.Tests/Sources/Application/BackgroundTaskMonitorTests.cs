using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Sources.Application;

public sealed class BackgroundTaskMonitorTests
{
    private readonly TestScheduler _scheduler = new();

    private CollectingObserver Poll(BackgroundTaskMonitor monitor)
    {
        var observer = new CollectingObserver();
        monitor.Poll(_scheduler.Now.UtcTicks, observer);
        return observer;
    }

    private void Advance(TimeSpan by) => _scheduler.AdvanceBy(by.Ticks);

    [Fact]
    public void Poll_HeartbeatsOnTime_ReportsHealthy()
    {
        var monitor = new BackgroundTaskMonitor(_scheduler.AsTimeProvider());
        var task = monitor.Register("reconcile", TimeSpan.FromMinutes(1));
        Advance(TimeSpan.FromSeconds(50));
        task.ReportSuccess();
        Advance(TimeSpan.FromSeconds(30));

        var observer = Poll(monitor);

        Assert.Equal((double)BackgroundTaskState.Healthy, observer.Value(ApplicationMetricNames.BackgroundTaskStatus, ("task", "reconcile")));
        Assert.Equal(30, observer.Value(ApplicationMetricNames.BackgroundTaskHeartbeatAgeSeconds));
        Assert.Equal(0, observer.Value(ApplicationMetricNames.BackgroundTaskMissedHeartbeats));
        Assert.Equal(1, observer.Value(ApplicationMetricNames.BackgroundTaskRunsTotal));
        Assert.Equal(30, observer.Value(ApplicationMetricNames.BackgroundTaskLastSuccessAgeSeconds));
    }

    [Fact]
    public void Poll_NoHeartbeatForThreeIntervals_ReportsLateWithMissedCount()
    {
        var monitor = new BackgroundTaskMonitor(_scheduler.AsTimeProvider());
        var task = monitor.Register("snapshot", TimeSpan.FromMinutes(1));
        task.Heartbeat();
        Advance(TimeSpan.FromSeconds(200));

        var observer = Poll(monitor);

        Assert.Equal((double)BackgroundTaskState.Late, observer.Value(ApplicationMetricNames.BackgroundTaskStatus));
        Assert.Equal(3, observer.Value(ApplicationMetricNames.BackgroundTaskMissedHeartbeats));
        Assert.Null(observer.Find(ApplicationMetricNames.BackgroundTaskLastSuccessAgeSeconds));
    }

    [Fact]
    public void GetStatuses_LastRunFailed_ReportsFailedWithError()
    {
        var monitor = new BackgroundTaskMonitor(_scheduler.AsTimeProvider());
        var task = monitor.Register("eod", TimeSpan.FromMinutes(5));
        task.ReportSuccess();
        task.ReportFailure(new InvalidOperationException("db locked"));
        task.ReportFailure(new InvalidOperationException("db still locked"));

        var status = Assert.Single(monitor.GetStatuses());

        Assert.Equal(BackgroundTaskState.Failed, status.State);
        Assert.Equal("db still locked", status.LastError);
        Assert.Equal(3, status.Runs);
        Assert.Equal(2, status.Failures);
        Assert.Equal(2, status.ConsecutiveFailures);
    }

    [Fact]
    public void Register_DuplicateName_Throws()
    {
        var monitor = new BackgroundTaskMonitor(_scheduler.AsTimeProvider());
        monitor.Register("a", TimeSpan.FromSeconds(1));

        var error = Assert.Throws<ArgumentException>(() => monitor.Register("a", TimeSpan.FromSeconds(1)));

        Assert.Contains("'a'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_Handle_StopsItsSeries()
    {
        var monitor = new BackgroundTaskMonitor(_scheduler.AsTimeProvider());
        var task = monitor.Register("gone", TimeSpan.FromSeconds(1));

        task.Dispose();

        Assert.Empty(Poll(monitor).Samples);
        Assert.Empty(monitor.GetStatuses());
    }
}
