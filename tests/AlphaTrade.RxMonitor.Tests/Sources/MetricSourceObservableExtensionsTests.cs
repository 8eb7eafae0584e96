using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;
using AlphaTrade.RxMonitor.Tests.Support;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Sources;

public sealed class MetricSourceObservableExtensionsTests
{
    private static readonly SeriesKey s_key = SeriesKey.Create("test_value");
    private static readonly SeriesKey s_other = SeriesKey.Create("other_value");
    private static readonly long s_second = TimeSpan.TicksPerSecond;

    // TestScheduler runs work due "now" one tick later, so the first poll (InitialDelay 0) is at tick 1.
    private static long At(long seconds) => (seconds * s_second) + 1;

    private static SourcePollingOptions Options() => new()
    {
        Interval = TimeSpan.FromSeconds(1),
        InitialBackoff = TimeSpan.FromSeconds(2),
        MaxBackoff = TimeSpan.FromSeconds(8),
    };

    [Fact]
    public void ToObservable_EveryInterval_EmitsSamplesStampedWithPollTime()
    {
        var scheduler = new TestScheduler();
        var source = DelegateSource.Constant("const", s_key, 7);
        var observer = scheduler.CreateObserver<MetricSample>();

        using var _ = source.ToObservable(scheduler, Options(), new RecordingFailureListener()).Subscribe(observer);
        scheduler.AdvanceTo(At(3));

        Assert.Equal([At(0), At(1), At(2), At(3)], observer.Messages.Select(m => m.Value.Value.TimestampTicks));
        Assert.All(observer.Messages, m => Assert.Equal(7, m.Value.Value.Value));
    }

    [Fact]
    public void ToObservable_SourceThrows_ReportsAndBacksOffDoublingUpToMax()
    {
        var scheduler = new TestScheduler();
        var polls = new List<long>();
        var source = new DelegateSource("broken", (_, t, _) =>
        {
            polls.Add(t);
            throw new IOException("disk gone");
        });
        var failures = new RecordingFailureListener();

        using var _ = source.ToObservable(scheduler, Options(), failures).Subscribe(_ => { });
        scheduler.AdvanceTo(At(30));

        Assert.Equal([At(0), At(2), At(6), At(14), At(22), At(30)], polls);
        Assert.Equal(6, failures.Failures.Count);
        Assert.All(failures.Failures, f => Assert.Equal(PipelineComponent.Source, f.Component));
        Assert.Equal("broken", failures.Failures[0].Name);
        Assert.IsType<IOException>(failures.Failures[0].Exception);
        Assert.Contains("disk gone", failures.Failures[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToObservable_SourceRecovers_ReturnsToNormalInterval()
    {
        var scheduler = new TestScheduler();
        var source = new DelegateSource("flaky", (n, t, o) =>
        {
            if (n == 1)
            {
                throw new InvalidOperationException("first poll fails");
            }

            o.OnNext(new MetricSample(s_key, t, n));
        });
        var observer = scheduler.CreateObserver<MetricSample>();

        using var _ = source.ToObservable(scheduler, Options(), new RecordingFailureListener()).Subscribe(observer);
        scheduler.AdvanceTo(At(5));

        Assert.Equal([At(2), At(3), At(4), At(5)], observer.Messages.Select(m => m.Value.Value.TimestampTicks));
    }

    [Fact]
    public void ToObservable_SourceWritesNonFiniteValues_DropsThemReportsAndBacksOff()
    {
        var scheduler = new TestScheduler();
        var source = new DelegateSource("garbage", (_, t, o) =>
        {
            o.OnNext(new MetricSample(s_key, t, 1));
            o.OnNext(new MetricSample(s_other, t, double.NaN));
        });
        var observer = scheduler.CreateObserver<MetricSample>();
        var failures = new RecordingFailureListener();

        using var _ = source.ToObservable(scheduler, Options(), failures).Subscribe(observer);
        scheduler.AdvanceTo(At(1));

        var delivered = Assert.Single(observer.Messages);
        Assert.Equal(s_key, delivered.Value.Value.Key);
        var failure = Assert.Single(failures.Failures);
        Assert.Contains("other_value", failure.Message, StringComparison.Ordinal);
        scheduler.AdvanceTo(At(1) + 5);
        Assert.Equal(1, source.Polls); // backed off to 2 s instead of polling at 1 s

    }

    [Fact]
    public void ToObservable_FailureListenerThrows_KeepsPolling()
    {
        var scheduler = new TestScheduler();
        var source = new DelegateSource("broken", static (_, _, _) => throw new InvalidOperationException("x"));
        var listener = new ThrowingFailureListener();

        using var _ = source.ToObservable(scheduler, Options(), listener).Subscribe(_ => { });
        scheduler.AdvanceTo(At(6));

        Assert.Equal(3, source.Polls);
    }

    [Fact]
    public void ToObservable_Disposed_StopsPolling()
    {
        var scheduler = new TestScheduler();
        var source = DelegateSource.Constant("const", s_key, 1);
        var subscription = source.ToObservable(scheduler, Options(), new RecordingFailureListener()).Subscribe(_ => { });
        scheduler.AdvanceTo(At(2));

        subscription.Dispose();
        scheduler.AdvanceTo(At(10));

        Assert.Equal(3, source.Polls);
    }

    [Fact]
    public void ToObservable_InvalidOptions_ThrowsListingEveryProblem()
    {
        var options = new SourcePollingOptions { Interval = TimeSpan.Zero, InitialBackoff = TimeSpan.FromSeconds(5), MaxBackoff = TimeSpan.FromSeconds(1) };

        var error = Assert.Throws<ConfigurationException>(() =>
            DelegateSource.Constant("c", s_key, 1).ToObservable(new TestScheduler(), options, new RecordingFailureListener()));

        Assert.Contains("RxMonitor:Sources:Interval: must be positive", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxBackoff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PollAll_OneSourceThrows_OthersKeepDelivering()
    {
        var scheduler = new TestScheduler();
        var good = DelegateSource.Constant("good", s_key, 1);
        var bad = new DelegateSource("bad", static (_, _, _) => throw new InvalidOperationException("boom"));
        var observer = scheduler.CreateObserver<MetricSample>();
        var failures = new RecordingFailureListener();

        using var _ = new IMetricSource[] { bad, good }.PollAll(scheduler, Options(), failures).Subscribe(observer);
        scheduler.AdvanceTo(At(10));

        Assert.Equal(11, observer.Messages.Count(m => m.Value.Kind == System.Reactive.NotificationKind.OnNext));
        Assert.All(failures.Failures, f => Assert.Equal("bad", f.Name));
        Assert.NotEmpty(failures.Failures);
    }

    private sealed class ThrowingFailureListener : IFailureListener
    {
        public void OnFailure(PipelineFailure failure) => throw new InvalidOperationException("listener broken");
    }
}
