using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Sources.Application;

public sealed class ApplicationMetricsTests
{
    private readonly TestScheduler _scheduler = new();

    private ApplicationMetrics Create() => new(_scheduler.AsTimeProvider());

    private CollectingObserver Poll(ApplicationMetrics metrics)
    {
        var observer = new CollectingObserver();
        metrics.Poll(_scheduler.Now.UtcTicks, observer);
        return observer;
    }

    [Fact]
    public void Poll_OperationCalls_ReportsTotalsRatioAndQuantiles()
    {
        var metrics = Create();
        var orders = metrics.Operation("place-order");
        for (var i = 1; i <= 100; i++)
        {
            orders.Record(TimeSpan.FromMilliseconds(i), success: i % 10 != 0);
        }

        var observer = Poll(metrics);

        Assert.Equal(100, observer.Value(ApplicationMetricNames.OperationRequestsTotal, ("operation", "place-order")));
        Assert.Equal(10, observer.Value(ApplicationMetricNames.OperationErrorsTotal));
        Assert.Equal(0.1, observer.Value(ApplicationMetricNames.OperationErrorRatio), 12);
        Assert.Equal(0.0505, observer.Value(ApplicationMetricNames.OperationDurationAverageSeconds), 12);
        // The quantiles come from a DDSketch: within 1 % of the duration of rank ⌊q·(n − 1)⌋ (50, 95 and 99 ms).
        Assert.InRange(observer.Value(ApplicationMetricNames.OperationDurationSeconds, ("quantile", "0.5")), 0.050 * 0.99, 0.050 * 1.01);
        Assert.InRange(observer.Value(ApplicationMetricNames.OperationDurationSeconds, ("quantile", "0.95")), 0.095 * 0.99, 0.095 * 1.01);
        Assert.InRange(observer.Value(ApplicationMetricNames.OperationDurationSeconds, ("quantile", "0.99")), 0.099 * 0.99, 0.099 * 1.01);
    }

    [Fact]
    public void Poll_NoCallsSincePreviousPoll_ReportsTotalsOnly()
    {
        var metrics = Create();
        metrics.Operation("cancel").Record(TimeSpan.FromSeconds(1), success: false);
        Poll(metrics);

        var observer = Poll(metrics);

        Assert.Equal(1, observer.Value(ApplicationMetricNames.OperationErrorsTotal));
        Assert.Null(observer.Find(ApplicationMetricNames.OperationErrorRatio));
        Assert.Null(observer.Find(ApplicationMetricNames.OperationDurationSeconds));
    }

    [Fact]
    public void Operation_SameNameTwice_ReturnsSameHandle()
    {
        var metrics = Create();

        Assert.Same(metrics.Operation("x"), metrics.Operation("x"));
    }

    [Fact]
    public void Poll_TaskFailuresAndQueues_ReportCountsAndLengths()
    {
        var metrics = Create();
        metrics.TaskFailures("settlement").Increment();
        metrics.TaskFailures("settlement").Increment(2);
        metrics.Queue("outbound").Set(17);
        var pending = 3.0;
        metrics.Queue("risk", () => pending);
        pending = 5;

        var observer = Poll(metrics);

        Assert.Equal(3, observer.Value(ApplicationMetricNames.TaskFailuresTotal, ("task", "settlement")));
        Assert.Equal(17, observer.Value(ApplicationMetricNames.QueueLength, ("queue", "outbound")));
        Assert.Equal(5, observer.Value(ApplicationMetricNames.QueueLength, ("queue", "risk")));
    }

    [Fact]
    public void Poll_DataMarkedFreshEarlier_ReportsAgeOnTheInjectedClock()
    {
        var metrics = Create();
        var snapshot = metrics.Data("snapshot");
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(10).Ticks);
        snapshot.MarkFresh();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(90).Ticks);

        var observer = Poll(metrics);

        Assert.Equal(90, observer.Value(ApplicationMetricNames.DataAgeSeconds, ("dataset", "snapshot")));
    }

    [Fact]
    public void Data_NeverMarkedFresh_AgesFromRegistration()
    {
        var metrics = Create();
        metrics.Data("positions");
        _scheduler.AdvanceBy(TimeSpan.FromHours(2).Ticks);

        Assert.Equal(7200, Poll(metrics).Value(ApplicationMetricNames.DataAgeSeconds));
    }
}
