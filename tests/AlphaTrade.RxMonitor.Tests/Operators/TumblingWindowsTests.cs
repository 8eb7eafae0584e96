using System.Reactive;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Tests.Support;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class TumblingWindowsTests
{
    private const long Second = TimeSpan.TicksPerSecond;
    private static readonly SeriesKey A = SeriesKey.Create("a");
    private static readonly SeriesKey B = SeriesKey.Create("b");
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    [Fact]
    public void TumblingWindows_Empty_Completes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(ReactiveTest.OnCompleted<MetricSample>(5 * Second));

        var results = Run(scheduler, source);

        Assert.Equal([ReactiveTest.OnCompleted<WindowAggregate>(5 * Second)], results.Messages);
    }

    [Fact]
    public void TumblingWindows_Never_EmitsNothingAndSchedulesNoTimer()
    {
        var scheduler = new TestScheduler();
        var counting = new CountingScheduler(scheduler);
        var source = scheduler.CreateHotObservable<MetricSample>();

        var results = scheduler.Start(() => source.TumblingWindows(Ten, counting), 0, 0, 100 * Second);

        Assert.Empty(results.Messages);
        Assert.Equal(0, counting.Scheduled);
    }

    [Fact]
    public void TumblingWindows_Error_ForwardedWithoutPendingWindows()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(
            Sample(1, A, 10),
            ReactiveTest.OnError<MetricSample>(2 * Second, error));

        var results = Run(scheduler, source);

        Assert.Equal([ReactiveTest.OnError<WindowAggregate>(2 * Second, error)], results.Messages);
    }

    [Fact]
    public void TumblingWindows_SamplePastWindowEnd_ClosesWindowWithAggregates()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(1, A, 10), Sample(5, A, 30), Sample(9.5, A, 20), Sample(12, A, 99));

        var results = scheduler.Start(() => source.TumblingWindows(Ten, scheduler, closeDelay: TimeSpan.FromSeconds(5)), 0, 0, 13 * Second);

        var (time, window) = Assert.Single(Windows(results));
        Assert.Equal(12 * Second, time);
        Assert.Equal(
            (A, 0L, 10 * Second, 3L, 60d, 20d, 10d, 30d, 20d),
            (window.Series, window.StartTicks, window.EndTicks, window.Count, window.Sum, window.Mean, window.Min, window.Max, window.Last));
        Assert.Equal(Math.Sqrt(200.0 / 3), window.StdDev, 12);
        Assert.Empty(window.QuantileValues);
    }

    [Fact]
    public void TumblingWindows_SilentSeries_ClosedByTimerAtWindowEnd()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(1, A, 10), Sample(12, A, 20));

        var results = Run(scheduler, source);

        Assert.Equal([(10 * Second, 10d), (20 * Second, 20d)], Windows(results).Select(w => (w.Time, w.Window.Mean)));
    }

    [Fact]
    public void TumblingWindows_CloseDelay_WaitsForStragglers()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            Sample(1, A, 10),
            ReactiveTest.OnNext(11 * Second, new MetricSample(A, 9 * Second, 20)));

        var results = scheduler.Start(() => source.TumblingWindows(Ten, scheduler, closeDelay: TimeSpan.FromSeconds(2)), 0, 0, 100 * Second);

        var (time, window) = Assert.Single(Windows(results));
        Assert.Equal(12 * Second, time);
        Assert.Equal(2, window.Count);
    }

    [Fact]
    public void TumblingWindows_SampleOfClosedWindow_Ignored()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            Sample(1, A, 10),
            ReactiveTest.OnNext(11 * Second, new MetricSample(A, 9 * Second, 20)));

        var results = Run(scheduler, source);

        var (_, window) = Assert.Single(Windows(results));
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public void TumblingWindows_SeriesAreIndependent()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(1, A, 1), Sample(2, B, 2), Sample(3, A, 3), Sample(11, B, 4));

        var results = Run(scheduler, source);

        Assert.Equal(
            [(10 * Second, A, 2d), (10 * Second, B, 2d), (20 * Second, B, 4d)],
            Windows(results).Select(w => (w.Time, w.Window.Series, w.Window.Mean)).OrderBy(w => w.Time).ThenBy(w => w.Series.Name));
    }

    [Fact]
    public void TumblingWindows_ManySeries_OneTimerPerWindowPeriod()
    {
        var scheduler = new TestScheduler();
        var counting = new CountingScheduler(scheduler);
        var samples = Enumerable.Range(0, 100)
            .Select(i => ReactiveTest.OnNext(Second + i, new MetricSample(SeriesKey.Create("s" + i), Second + i, i)))
            .ToArray();
        var source = scheduler.CreateHotObservable(samples);

        var results = scheduler.Start(() => source.TumblingWindows(Ten, counting), 0, 0, 100 * Second);

        Assert.Equal(100, Windows(results).Count);
        Assert.Equal(1, counting.Scheduled);
    }

    [Fact]
    public void TumblingWindows_Completed_ClosesPendingWindows()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(1, A, 10), ReactiveTest.OnCompleted<MetricSample>(2 * Second));

        var results = Run(scheduler, source);

        Assert.Equal(2, results.Messages.Count);
        Assert.Equal(2 * Second, results.Messages[0].Time);
        Assert.Equal(10, results.Messages[0].Value.Value.Mean);
        Assert.Equal(NotificationKind.OnCompleted, results.Messages[1].Value.Kind);
    }

    [Fact]
    public void TumblingWindows_Disposed_UnsubscribesAndStopsTimer()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(1, A, 10), Sample(30, A, 10));

        var results = Run(scheduler, source, disposeAt: 5 * Second);

        Assert.Empty(results.Messages);
        Assert.Equal(5 * Second, Assert.Single(source.Subscriptions).Unsubscribe);
    }

    [Fact]
    public void TumblingWindows_Quantiles_EstimatedPerWindow()
    {
        var scheduler = new TestScheduler();
        var samples = Enumerable.Range(1, 1000).Select(i => ReactiveTest.OnNext(i * 1000L, new MetricSample(A, i * 1000L, i))).ToArray();
        var source = scheduler.CreateHotObservable(samples);

        var results = scheduler.Start(() => source.TumblingWindows(Ten, scheduler, [0.5, 0.99]), 0, 0, 100 * Second);

        var (_, window) = Assert.Single(Windows(results));
        Assert.InRange(window.Quantile(0.5), 500 * 0.99, 500 * 1.01);
        Assert.InRange(window.Quantile(0.99), 990 * 0.99, 990 * 1.01);
        Assert.Throws<ArgumentOutOfRangeException>(() => window.Quantile(0.9));
    }

    [Fact]
    public void TumblingWindows_InvalidArguments_Throw()
    {
        var source = new TestScheduler().CreateHotObservable<MetricSample>();

        Assert.Throws<ArgumentOutOfRangeException>(() => source.TumblingWindows(TimeSpan.Zero, Scheduler()));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.TumblingWindows(Ten, Scheduler(), [1.5]));
        Assert.Throws<ArgumentNullException>(() => source.TumblingWindows(Ten, null!));
    }

    private static TestScheduler Scheduler() => new();

    private static Recorded<Notification<MetricSample>> Sample(double seconds, SeriesKey key, double value)
    {
        var t = (long)(seconds * Second);
        return ReactiveTest.OnNext(t, new MetricSample(key, t, value));
    }

    private static ITestableObserver<WindowAggregate> Run(TestScheduler scheduler, ITestableObservable<MetricSample> source, long disposeAt = 100 * Second) =>
        scheduler.Start(() => source.TumblingWindows(Ten, scheduler), 0, 0, disposeAt);

    private static List<(long Time, WindowAggregate Window)> Windows(ITestableObserver<WindowAggregate> results) =>
        [.. results.Messages.Where(m => m.Value.Kind == NotificationKind.OnNext).Select(m => (m.Time, m.Value.Value))];
}
