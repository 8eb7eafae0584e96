using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class DropInvalidTests
{
    private static readonly SeriesKey A = SeriesKey.Create("a");
    private static readonly SeriesKey B = SeriesKey.Create("b");

    [Fact]
    public void DropInvalid_Empty_Completes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(ReactiveTest.OnCompleted<MetricSample>(300));

        var results = scheduler.Start(() => source.DropInvalid(TimeSpan.Zero, new SampleHygieneCounters()));

        Assert.Equal([ReactiveTest.OnCompleted<MetricSample>(300)], results.Messages);
    }

    [Fact]
    public void DropInvalid_Never_EmitsNothing()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable<MetricSample>();

        var results = scheduler.Start(() => source.DropInvalid(TimeSpan.Zero, new SampleHygieneCounters()));

        Assert.Empty(results.Messages);
    }

    [Fact]
    public void DropInvalid_Error_Forwarded()
    {
        var scheduler = new TestScheduler();
        var error = new InvalidOperationException("boom");
        var source = scheduler.CreateHotObservable(ReactiveTest.OnError<MetricSample>(300, error));

        var results = scheduler.Start(() => source.DropInvalid(TimeSpan.Zero, new SampleHygieneCounters()));

        Assert.Equal([ReactiveTest.OnError<MetricSample>(300, error)], results.Messages);
    }

    [Fact]
    public void DropInvalid_NonFiniteValues_DroppedAndCounted()
    {
        var scheduler = new TestScheduler();
        var counters = new SampleHygieneCounters();
        var source = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(210, new MetricSample(A, 1, 1.0)),
            ReactiveTest.OnNext(220, new MetricSample(A, 2, double.NaN)),
            ReactiveTest.OnNext(230, new MetricSample(A, 3, double.PositiveInfinity)),
            ReactiveTest.OnNext(240, new MetricSample(A, 4, double.NegativeInfinity)),
            ReactiveTest.OnNext(250, new MetricSample(A, 5, 5.0)));

        var results = scheduler.Start(() => source.DropInvalid(TimeSpan.Zero, counters));

        Assert.Equal([1.0, 5.0], results.Messages.Select(m => m.Value.Value.Value));
        Assert.Equal(3, counters.NonFinite);
        Assert.Equal(0, counters.Late);
    }

    [Fact]
    public void DropInvalid_ZeroLateness_DropsOlderKeepsEqualTimes()
    {
        var scheduler = new TestScheduler();
        var counters = new SampleHygieneCounters();
        var source = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(210, new MetricSample(A, 100, 1)),
            ReactiveTest.OnNext(220, new MetricSample(A, 99, 2)),
            ReactiveTest.OnNext(230, new MetricSample(A, 100, 3)),
            ReactiveTest.OnNext(240, new MetricSample(A, 101, 4)));

        var results = scheduler.Start(() => source.DropInvalid(TimeSpan.Zero, counters));

        Assert.Equal([1d, 3, 4], results.Messages.Select(m => m.Value.Value.Value));
        Assert.Equal(1, counters.Late);
    }

    [Fact]
    public void DropInvalid_WithinLateness_PassesAndKeepsNewest()
    {
        var scheduler = new TestScheduler();
        var counters = new SampleHygieneCounters();
        var lateness = TimeSpan.FromTicks(10);
        var source = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(210, new MetricSample(A, 100, 1)),
            ReactiveTest.OnNext(220, new MetricSample(A, 90, 2)),
            ReactiveTest.OnNext(230, new MetricSample(A, 95, 3)),
            ReactiveTest.OnNext(240, new MetricSample(A, 89, 4)));

        var results = scheduler.Start(() => source.DropInvalid(lateness, counters));

        Assert.Equal([1d, 2, 3], results.Messages.Select(m => m.Value.Value.Value));
        Assert.Equal(1, counters.Late);
    }

    [Fact]
    public void DropInvalid_LatenessIsPerSeries()
    {
        var scheduler = new TestScheduler();
        var counters = new SampleHygieneCounters();
        var source = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(210, new MetricSample(A, 100, 1)),
            ReactiveTest.OnNext(220, new MetricSample(B, 50, 2)),
            ReactiveTest.OnNext(230, new MetricSample(B, 40, 3)));

        var results = scheduler.Start(() => source.DropInvalid(TimeSpan.Zero, counters));

        Assert.Equal([1d, 2], results.Messages.Select(m => m.Value.Value.Value));
        Assert.Equal(1, counters.Late);
    }

    [Fact]
    public void DropInvalid_Disposed_StopsForwardingAndUnsubscribes()
    {
        var scheduler = new TestScheduler();
        var source = scheduler.CreateHotObservable(
            ReactiveTest.OnNext(210, new MetricSample(A, 1, 1)),
            ReactiveTest.OnNext(400, new MetricSample(A, 2, 2)));

        var results = scheduler.Start(() => source.DropInvalid(TimeSpan.Zero, new SampleHygieneCounters()), 300);

        Assert.Single(results.Messages);
        Assert.Equal([ReactiveTest.Subscribe(200, 300)], source.Subscriptions);
    }

    [Fact]
    public void DropInvalid_SteadyState_DoesNotAllocatePerSample()
    {
        var counters = new SampleHygieneCounters();
        var subject = new System.Reactive.Subjects.Subject<MetricSample>();
        var count = 0;
        using var subscription = subject.DropInvalid(TimeSpan.Zero, counters).Subscribe(_ => count++);
        subject.OnNext(new MetricSample(A, 0, 1));
        subject.OnNext(new MetricSample(A, 1, double.NaN));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var t = 2; t < 10_002; t++)
        {
            subject.OnNext(new MetricSample(A, t, t));
        }

        // Per-sample allocation would cost megabytes here; the runtime may allocate a few bytes once (tiered JIT).
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024);
        Assert.Equal(10_001, count);
    }

    [Fact]
    public void DropInvalid_NegativeLateness_Throws()
    {
        var source = new TestScheduler().CreateHotObservable<MetricSample>();

        Assert.Throws<ArgumentOutOfRangeException>(() => source.DropInvalid(TimeSpan.FromTicks(-1), new SampleHygieneCounters()));
    }
}
