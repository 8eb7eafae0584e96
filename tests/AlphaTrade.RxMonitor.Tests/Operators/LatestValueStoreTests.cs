using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class LatestValueStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey CpuA = SeriesKey.Create("cpu", new Label("host", "a"));
    private static readonly SeriesKey CpuB = SeriesKey.Create("cpu", new Label("host", "b"));

    private static (LatestValueStore Store, TestScheduler Clock) NewStore()
    {
        var clock = new TestScheduler();
        clock.AdvanceTo(Start.UtcTicks);
        return (new LatestValueStore(clock.AsTimeProvider()), clock);
    }

    [Fact]
    public void OnNext_TwoSamplesOfOneSeries_KeepsTheNewest()
    {
        var (store, _) = NewStore();

        store.OnNext(new MetricSample(CpuA, Start.AddSeconds(-2), 1));
        store.OnNext(new MetricSample(CpuA, Start.AddSeconds(-1), 2));

        Assert.Equal([new MetricSample(CpuA, Start.AddSeconds(-1), 2)], store.Snapshot());
    }

    [Fact]
    public void OnNext_LateSampleAfterNewerOne_KeepsTheNewer()
    {
        var (store, _) = NewStore();

        store.OnNext(new MetricSample(CpuA, Start, 2));
        store.OnNext(new MetricSample(CpuA, Start.AddSeconds(-10), 1));

        Assert.Equal([new MetricSample(CpuA, Start, 2)], store.Snapshot());
    }

    [Fact]
    public void Snapshot_TwoSeries_ReturnsOneSampleEach()
    {
        var (store, _) = NewStore();

        store.OnNext(new MetricSample(CpuA, Start, 1));
        store.OnNext(new MetricSample(CpuB, Start, 2));

        Assert.Equal(2, store.Snapshot().Count);
    }

    [Fact]
    public void Snapshot_SeriesNotUpdatedForMoreThanStaleness_IsOmitted()
    {
        var (store, clock) = NewStore();
        store.OnNext(new MetricSample(CpuA, Start, 1));
        store.OnNext(new MetricSample(CpuB, Start.AddMinutes(2), 2));

        clock.AdvanceTo(Start.AddMinutes(5).AddTicks(1).UtcTicks);

        Assert.Equal([new MetricSample(CpuB, Start.AddMinutes(2), 2)], store.Snapshot());
    }

    [Fact]
    public void OnNext_AfterAStalenessPeriod_ForgetsStaleSeries()
    {
        var (store, clock) = NewStore();
        store.OnNext(new MetricSample(CpuA, Start, 1));
        clock.AdvanceTo(Start.AddMinutes(6).UtcTicks);

        for (var i = 0; i < LatestValueStore.PruneCheckInterval; i++)
        {
            store.OnNext(new MetricSample(CpuB, Start.AddMinutes(6), i));
        }

        Assert.Equal(1, store.Count);
        Assert.Equal(CpuB, Assert.Single(store.Snapshot()).Key);
    }

    [Fact]
    public void Snapshot_SeriesExactlyStalenessOld_IsStillShown()
    {
        var (store, clock) = NewStore();
        store.OnNext(new MetricSample(CpuA, Start, 1));

        clock.AdvanceTo(Start.AddMinutes(5).UtcTicks);

        Assert.Single(store.Snapshot());
    }

    [Fact]
    public void OnNext_ForgottenSeriesSeenAgain_Reappears()
    {
        var (store, clock) = NewStore();
        store.OnNext(new MetricSample(CpuA, Start, 1));
        clock.AdvanceTo(Start.AddMinutes(10).UtcTicks);
        for (var i = 0; i < LatestValueStore.PruneCheckInterval; i++)
        {
            store.OnNext(new MetricSample(CpuB, Start.AddMinutes(10), i));
        }

        store.OnNext(new MetricSample(CpuA, Start.AddMinutes(10), 3));

        Assert.Contains(new MetricSample(CpuA, Start.AddMinutes(10), 3), store.Snapshot());
    }

    [Fact]
    public void OnNext_SeriesAlreadySeen_AllocatesNothing()
    {
        var (store, _) = NewStore();
        store.OnNext(new MetricSample(CpuA, Start, 0));
        store.OnNext(new MetricSample(CpuB, Start, 0));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1; i <= 10_000; i++)
        {
            store.OnNext(new MetricSample((i & 1) == 0 ? CpuA : CpuB, Start.UtcTicks + i, i));
        }

        // Per-sample allocation would cost megabytes here; the runtime may allocate a few bytes once (tiered JIT).
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1024);
    }

    [Fact]
    public void Subscribe_ToSampleStream_KeepsItsSamples()
    {
        var (store, _) = NewStore();
        using var samples = new Subject<MetricSample>();
        using var subscription = samples.Subscribe(store);

        samples.OnNext(new MetricSample(CpuA, Start, 4));
        samples.OnError(new InvalidOperationException("source failed"));

        Assert.Equal([new MetricSample(CpuA, Start, 4)], store.Snapshot());
    }

    [Fact]
    public async Task Snapshot_WhileAnotherThreadWrites_NeverSeesATornPair()
    {
        var (store, _) = NewStore();
        store.OnNext(new MetricSample(CpuA, Start, 0));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var t = Start.UtcTicks + 1; !stop.IsCancellationRequested; t++)
            {
                store.OnNext(new MetricSample(CpuA, t, t - Start.UtcTicks));
            }
        });

        for (var i = 0; i < 20_000; i++)
        {
            var sample = Assert.Single(store.Snapshot());
            Assert.Equal(sample.TimestampTicks - Start.UtcTicks, (long)sample.Value);
        }

        await stop.CancelAsync();
        await writer;
    }

    [Fact]
    public void Constructor_ZeroStaleness_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatestValueStore(TimeProvider.System, TimeSpan.Zero));
    }
}
