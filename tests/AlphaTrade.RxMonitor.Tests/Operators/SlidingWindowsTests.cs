using System.Reactive;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class SlidingWindowsTests
{
    private const long Second = TimeSpan.TicksPerSecond;
    private static readonly SeriesKey A = SeriesKey.Create("a");
    private static readonly TimeSpan Thirty = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Ten = TimeSpan.FromSeconds(10);

    [Fact]
    public void SlidingWindows_Empty_Completes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(ReactiveTest.OnCompleted<MetricSample>(Second));

        var results = scheduler.Start(() => source.SlidingWindows(Thirty, Ten, scheduler), 0, 0, 200 * Second);

        Assert.Equal([ReactiveTest.OnCompleted<WindowAggregate>(Second)], results.Messages);
    }

    [Fact]
    public void SlidingWindows_Never_EmitsNothing()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable<MetricSample>();

        var results = scheduler.Start(() => source.SlidingWindows(Thirty, Ten, scheduler), 0, 0, 200 * Second);

        Assert.Empty(results.Messages);
    }

    [Fact]
    public void SlidingWindows_Error_Forwarded()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(ReactiveTest.OnError<MetricSample>(Second, error));

        var results = scheduler.Start(() => source.SlidingWindows(Thirty, Ten, scheduler), 0, 0, 200 * Second);

        Assert.Equal([ReactiveTest.OnError<WindowAggregate>(Second, error)], results.Messages);
    }

    [Fact]
    public void SlidingWindows_EmitsEverySlideUntilSamplesSlideOut()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(5, 1), Sample(15, 3));

        var results = scheduler.Start(() => source.SlidingWindows(Thirty, Ten, scheduler), 0, 0, 200 * Second);

        Assert.Equal(
            [
                (10 * Second, -20 * Second, 1L, 1d),
                (20 * Second, -10 * Second, 2L, 2d),
                (30 * Second, 0L, 2L, 2d),
                (40 * Second, 10 * Second, 1L, 3d),
            ],
            Windows(results).Select(w => (w.Time, w.Window.StartTicks, w.Window.Count, w.Window.Mean)));
    }

    [Fact]
    public void SlidingWindows_GapLongerThanWindow_ClosesOldWindowsOnNextSample()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(5, 1), Sample(100, 7));

        var results = scheduler.Start(() => source.SlidingWindows(Thirty, Ten, scheduler), 0, 0, 100 * Second);

        Assert.Equal([10 * Second, 20 * Second, 30 * Second], Windows(results).Select(w => w.Window.EndTicks));
    }

    [Fact]
    public void SlidingWindows_MergesPaneFigures()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(1, 4), Sample(11, -2), Sample(21, 10), Sample(22, 0));

        var results = scheduler.Start(() => source.SlidingWindows(Thirty, Ten, scheduler, [0.5]), 0, 0, 31 * Second);

        var window = Windows(results).Single(w => w.Window.EndTicks == 30 * Second).Window;
        Assert.Equal((4L, 12d, -2d, 10d, 0d), (window.Count, window.Sum, window.Min, window.Max, window.Last));
        Assert.Equal(Math.Sqrt(21), window.StdDev, 9);
        Assert.Equal(0, window.Quantile(0.5));
    }

    [Fact]
    public void SlidingWindows_Disposed_Unsubscribes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(5, 1));

        var results = scheduler.Start(() => source.SlidingWindows(Thirty, Ten, scheduler), 0, 0, 8 * Second);

        Assert.Empty(results.Messages);
        Assert.Equal(8 * Second, Assert.Single(source.Subscriptions).Unsubscribe);
    }

    [Fact]
    public void SlidingWindows_SizeNotMultipleOfSlide_Throws()
    {
        var source = new TestScheduler().CreateHotObservable<MetricSample>();

        Assert.Throws<ArgumentException>(() => source.SlidingWindows(TimeSpan.FromSeconds(25), Ten, new TestScheduler()));
    }

    private static Recorded<Notification<MetricSample>> Sample(double seconds, double value)
    {
        var t = (long)(seconds * Second);
        return ReactiveTest.OnNext(t, new MetricSample(A, t, value));
    }

    private static List<(long Time, WindowAggregate Window)> Windows(ITestableObserver<WindowAggregate> results) =>
        [.. results.Messages.Where(m => m.Value.Kind == NotificationKind.OnNext).Select(m => (m.Time, m.Value.Value))];
}
