using System.Reactive;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class HoltTests
{
    private static readonly SeriesKey A = SeriesKey.Create("a");
    private static readonly SeriesKey B = SeriesKey.Create("b");

    [Fact]
    public void Holt_Empty_Completes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(ReactiveTest.OnCompleted<MetricSample>(300));

        Assert.Equal([ReactiveTest.OnCompleted<MetricSample>(300)], scheduler.Start(() => source.Holt(0.5, 0.5)).Messages);
    }

    [Fact]
    public void Holt_Never_EmitsNothing()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable<MetricSample>();

        Assert.Empty(scheduler.Start(() => source.Holt(0.5, 0.5)).Messages);
    }

    [Fact]
    public void Holt_Error_Forwarded()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(ReactiveTest.OnError<MetricSample>(300, error));

        Assert.Equal([ReactiveTest.OnError<MetricSample>(300, error)], scheduler.Start(() => source.Holt(0.5, 0.5)).Messages);
    }

    [Fact]
    public void Holt_FollowsPrometheusHoltWintersRecurrence()
    {
        // holt_winters over [1, 3, 4, 8] with sf = tf = 0.5, prefix by prefix: 1, 3, 4.5, 7.125.
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 1), Sample(220, A, 3), Sample(230, A, 4), Sample(240, A, 8));

        var results = scheduler.Start(() => source.Holt(0.5, 0.5));

        Assert.Equal([1d, 3, 4.5, 7.125], Values(results));
    }

    [Fact]
    public void Holt_UnevenFactors_MatchesHandComputation()
    {
        // sf = 0.2, tf = 0.6 over [10, 12, 11]: level 10; trend 2, level 12; trend 0.6·2 + 0.4·2 = 2, level 0.2·11 + 0.8·14 = 13.4.
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 10), Sample(220, A, 12), Sample(230, A, 11));

        var results = scheduler.Start(() => source.Holt(0.2, 0.6));

        Assert.Equal(13.4, Values(results)[2], 12);
    }

    [Fact]
    public void Holt_SeriesAreIndependent()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 1), Sample(220, B, 50), Sample(230, A, 3));

        var results = scheduler.Start(() => source.Holt(0.5, 0.5));

        Assert.Equal([1d, 50, 3], Values(results));
    }

    [Fact]
    public void Holt_Disposed_Unsubscribes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 1), Sample(400, A, 2));

        var results = scheduler.Start(() => source.Holt(0.5, 0.5), 300);

        Assert.Single(results.Messages);
        Assert.Equal([ReactiveTest.Subscribe(200, 300)], source.Subscriptions);
    }

    [Fact]
    public void Holt_SteadyState_DoesNotAllocate()
    {
        var subject = new Subject<MetricSample>();
        var count = 0;
        using var subscription = subject.Holt(0.3, 0.3).Subscribe(_ => count++);
        subject.OnNext(new MetricSample(A, 0, 1));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 1; t < 10_000; t++)
        {
            subject.OnNext(new MetricSample(A, t, t % 7));
        }

        // Per-sample allocation would cost megabytes here; the runtime may allocate a few bytes once (tiered JIT).
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024);
        Assert.Equal(10_000, count);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1, 0.5)]
    [InlineData(0.5, 0)]
    [InlineData(0.5, 1)]
    public void Holt_FactorOutsideOpenUnitInterval_Throws(double sf, double tf)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subject<MetricSample>().Holt(sf, tf));
    }

    private static Recorded<Notification<MetricSample>> Sample(long time, SeriesKey key, double value) =>
        ReactiveTest.OnNext(time, new MetricSample(key, time, value));

    private static List<double> Values(ITestableObserver<MetricSample> results) =>
        [.. results.Messages.Where(m => m.Value.Kind == NotificationKind.OnNext).Select(m => m.Value.Value.Value)];
}
