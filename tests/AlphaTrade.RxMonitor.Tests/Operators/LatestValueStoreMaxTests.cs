using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Operators;

/// <summary>The latest-value store as health checks read it (it replaced Health/LatestValues).</summary>
public sealed class LatestValueStoreMaxTests
{
    private static readonly SeriesKey s_a = SeriesKey.Create("m", new Label("x", "a"));
    private static readonly SeriesKey s_b = SeriesKey.Create("m", new Label("x", "b"));

    [Fact]
    public void Max_SeveralSeries_ReturnsLargestFreshValueAndItsKey()
    {
        var latest = new LatestValueStore(new TestScheduler().AsTimeProvider());
        latest.OnNext(new MetricSample(s_a, 100, 5));
        latest.OnNext(new MetricSample(s_b, 100, 9));

        var max = latest.Max("m", 100, TimeSpan.FromMinutes(5));

        Assert.Equal((9.0, s_b), max);
    }

    [Fact]
    public void OnNext_OlderSampleAfterNewer_KeepsTheNewer()
    {
        var latest = new LatestValueStore(new TestScheduler().AsTimeProvider());
        latest.OnNext(new MetricSample(s_a, 200, 1));
        latest.OnNext(new MetricSample(s_a, 100, 50));

        Assert.Equal(1, latest.Max("m", 200, TimeSpan.FromMinutes(5))!.Value.Value);
    }

    [Fact]
    public void Max_OnlyStaleValues_ReturnsNull()
    {
        var latest = new LatestValueStore(new TestScheduler().AsTimeProvider());
        latest.OnNext(new MetricSample(s_a, 0, 1));

        Assert.Null(latest.Max("m", TimeSpan.FromMinutes(6).Ticks, TimeSpan.FromMinutes(5)));
    }
}
