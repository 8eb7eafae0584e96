using System.Reactive;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using Microsoft.Reactive.Testing;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class EwmaTests
{
    private const long Second = TimeSpan.TicksPerSecond;
    private static readonly SeriesKey A = SeriesKey.Create("a");
    private static readonly SeriesKey B = SeriesKey.Create("b");

    [Fact]
    public void Ewma_Empty_Completes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(ReactiveTest.OnCompleted<MetricSample>(300));

        var results = scheduler.Start(() => source.Ewma(0.5));

        Assert.Equal([ReactiveTest.OnCompleted<MetricSample>(300)], results.Messages);
    }

    [Fact]
    public void Ewma_Never_EmitsNothing()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable<MetricSample>();

        Assert.Empty(scheduler.Start(() => source.Ewma(0.5)).Messages);
    }

    [Fact]
    public void Ewma_Error_Forwarded()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(ReactiveTest.OnError<MetricSample>(300, error));

        Assert.Equal([ReactiveTest.OnError<MetricSample>(300, error)], scheduler.Start(() => source.Ewma(0.5)).Messages);
    }

    [Fact]
    public void Ewma_Alpha_WeightsNewestSample()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 10), Sample(220, A, 20), Sample(230, A, 0));

        var results = scheduler.Start(() => source.Ewma(0.25));

        Assert.Equal([10d, 12.5, 9.375], Values(results));
        Assert.Equal([210L, 220, 230], results.Messages.Select(m => m.Value.Value.TimestampTicks));
    }

    [Fact]
    public void Ewma_SeriesAreIndependent()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 10), Sample(220, B, 100), Sample(230, A, 20));

        var results = scheduler.Start(() => source.Ewma(0.5));

        Assert.Equal([10d, 100, 15], Values(results));
    }

    [Fact]
    public void Ewma_HalfLife_HalvesOldWeightPerHalfLife()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 0, 0), Sample(220, A, 100, 10 * Second), Sample(230, A, 100, 20 * Second));

        var results = scheduler.Start(() => source.Ewma(TimeSpan.FromSeconds(10)));

        Assert.Equal([0d, 50, 75], Values(results));
    }

    [Fact]
    public void Ewma_Disposed_Unsubscribes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(Sample(210, A, 1), Sample(400, A, 2));

        var results = scheduler.Start(() => source.Ewma(0.5), 300);

        Assert.Single(results.Messages);
        Assert.Equal([ReactiveTest.Subscribe(200, 300)], source.Subscriptions);
    }

    [Fact]
    public void Ewma_SteadyState_DoesNotAllocate()
    {
        var subject = new Subject<MetricSample>();
        var last = 0.0;
        using var subscription = subject.Ewma(0.1).Subscribe(s => last = s.Value);
        subject.OnNext(new MetricSample(A, 0, 1));

        var t = 1L;
        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 10_000; i++, t++)
            {
                subject.OnNext(new MetricSample(A, t, t % 7));
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
        Assert.NotEqual(0, last);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Ewma_InvalidAlpha_Throws(double alpha)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Subject<MetricSample>().Ewma(alpha));
    }

    private static Recorded<Notification<MetricSample>> Sample(long time, SeriesKey key, double value, long? eventTime = null) =>
        ReactiveTest.OnNext(time, new MetricSample(key, eventTime ?? time, value));

    private static List<double> Values(ITestableObserver<MetricSample> results) =>
        [.. results.Messages.Where(m => m.Value.Kind == NotificationKind.OnNext).Select(m => m.Value.Value.Value)];
}
