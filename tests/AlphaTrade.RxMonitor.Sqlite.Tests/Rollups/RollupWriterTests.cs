using System.Reactive.Subjects;
using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Rollups;

public sealed class RollupWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu_usage_percent", new Label("host", "a"));
    private static readonly SeriesKey Memory = SeriesKey.Create("memory_used_bytes", new Label("host", "a"));
    private readonly TempDirectory _directory = new();
    private readonly TestScheduler _scheduler = new();

    [Fact]
    public async Task WriteRollupsTo_SamplesOverTwoMinutes_WritesBucketsAtEveryResolution()
    {
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        using (samples.WriteRollupsTo(store, _scheduler))
        {
            for (var second = 0; second < 120; second += 5)
            {
                samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(second), second));
            }
        }

        await store.FlushAsync();

        var tenSeconds = await store.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, T0, T0.AddHours(1));
        var minutes = await store.QueryRangeAsync(Cpu, RollupResolution.OneMinute, T0, T0.AddHours(1));
        var hours = await store.QueryRangeAsync(Cpu, RollupResolution.OneHour, T0, T0.AddHours(1));
        Assert.Equal(12, tenSeconds.Count);
        Assert.Equal(new RollupPoint(T0.AddSeconds(10), 2, 25, 10, 15, 15), tenSeconds[1]);
        Assert.Equal([new RollupPoint(T0, 12, 330, 0, 55, 55), new RollupPoint(T0.AddMinutes(1), 12, 1050, 60, 115, 115)], minutes);
        Assert.Equal([new RollupPoint(T0, 24, 1380, 0, 115, 115)], hours);
    }

    [Fact]
    public async Task WriteRollupsTo_LaterBucketOpens_ClosedBucketWrittenBeforeDisposal()
    {
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        using var subscription = samples.WriteRollupsTo(store, _scheduler);

        samples.OnNext(new MetricSample(Cpu, T0, 1));
        samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(10), 2));
        await store.FlushAsync();

        Assert.Equal([new RollupPoint(T0, 1, 1, 1, 1, 1)], await store.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, T0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task WriteRollupsTo_QuietSeries_ClockSweepClosesItsBucket()
    {
        _scheduler.AdvanceTo(T0.UtcTicks);
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        using var subscription = samples.WriteRollupsTo(store, _scheduler);

        samples.OnNext(new MetricSample(Memory, T0.AddSeconds(1), 7));
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(20).Ticks);
        await store.FlushAsync();

        Assert.Equal([new RollupPoint(T0, 1, 7, 7, 7, 7)], await store.QueryRangeAsync(Memory, RollupResolution.TenSeconds, T0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task WriteRollupsTo_SameBucketAcrossRestart_MergesIntoOneRow()
    {
        var path = _directory.File("rollups.db");
        foreach (var value in new[] { 4.0, 1.0 })
        {
            await using var store = OpenStore(path);
            var samples = new Subject<MetricSample>();
            using (samples.WriteRollupsTo(store, _scheduler))
            {
                samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(value), value));
            }

            await store.FlushAsync();
        }

        await using var reopened = OpenStore(path);

        Assert.Equal([new RollupPoint(T0, 2, 5, 1, 4, 1)], await reopened.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, T0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task WriteRollupsTo_LateAndInvalidSamples_DroppedAndCounted()
    {
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        using (samples.WriteRollupsTo(store, _scheduler))
        {
            samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(15), 1));
            samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(5), 100));
            samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(16), double.NaN));
            samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(17), double.PositiveInfinity));
        }

        await store.FlushAsync();

        Assert.Equal(1, store.Statistics.LateSamples);
        Assert.Equal(2, store.Statistics.InvalidSamples);
        Assert.Equal([new RollupPoint(T0.AddSeconds(10), 1, 1, 1, 1, 1)], await store.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, T0, T0.AddMinutes(1)));
    }

    [Fact]
    public async Task WriteRollupsTo_UpstreamCompletes_WritesPartialBuckets()
    {
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        using var subscription = samples.WriteRollupsTo(store, _scheduler);

        samples.OnNext(new MetricSample(Cpu, T0, 3));
        samples.OnCompleted();
        await store.FlushAsync();

        Assert.Single(await store.QueryRangeAsync(Cpu, RollupResolution.OneHour, T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task QuerySeriesAsync_TwoSeries_ListsBothWithLabels()
    {
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        using (samples.WriteRollupsTo(store, _scheduler))
        {
            samples.OnNext(new MetricSample(Cpu, T0, 1));
            samples.OnNext(new MetricSample(Memory, T0, 1));
        }

        await store.FlushAsync();

        Assert.Equal([Cpu, Memory], await store.QuerySeriesAsync());
        Assert.Equal([Memory], await store.QuerySeriesAsync("memory_used_bytes"));
    }

    [Fact]
    public async Task QueryRangeAsync_UnknownSeries_Empty()
    {
        await using var store = OpenStore();

        Assert.Empty(await store.QueryRangeAsync(Cpu, RollupResolution.OneMinute, T0, T0.AddDays(1)));
    }

    [Fact]
    public async Task WriteRollupsTo_SamplesOfOneBucket_BucketAnswersQuantilesWithinOnePercent()
    {
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        using (samples.WriteRollupsTo(store, _scheduler))
        {
            for (var i = 1; i <= 1000; i++)
            {
                samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(i * 3), i));
            }
        }

        await store.FlushAsync();

        var hour = Assert.Single(await store.QueryRangeAsync(Cpu, RollupResolution.OneHour, T0, T0.AddHours(1)));
        Assert.True(hour.HasSketch);
        Assert.InRange(hour.Quantile(0.5), 500 * 0.99, 501 * 1.01);
        Assert.InRange(hour.Quantile(0.99), 990 * 0.99, 991 * 1.01);
        Assert.Equal(1000, hour.Quantile(1));
    }

    [Fact]
    public async Task WriteRollupsTo_SketchesTurnedOff_BucketsWithoutSketchesAndNaNQuantiles()
    {
        var options = StoreFactory.Options(_directory.File("no-sketches.db"));
        options.RollupSketches = false;
        await using var store = SqliteStore.Open(options, _scheduler.AsTimeProvider());
        var samples = new Subject<MetricSample>();
        using (samples.WriteRollupsTo(store, _scheduler))
        {
            for (var i = 1; i <= 100; i++)
            {
                samples.OnNext(new MetricSample(Cpu, T0.AddSeconds(i * 3), i));
            }
        }

        await store.FlushAsync();

        var hour = Assert.Single(await store.QueryRangeAsync(Cpu, RollupResolution.OneHour, T0, T0.AddHours(1)));
        Assert.Equal((100L, 1.0, 100.0, false), (hour.Count, hour.Min, hour.Max, hour.HasSketch));
        Assert.True(double.IsNaN(hour.Quantile(0.5)));
    }

    [Fact]
    public async Task Sweep_SeriesWithEveryBucketClosed_IsForgottenAndComesBackOnItsNextSample()
    {
        _scheduler.AdvanceTo(T0.UtcTicks);
        await using var store = OpenStore();
        using var writer = new RollupWriter(store, _scheduler);
        for (var i = 0; i < 1_000; i++)
        {
            writer.OnNext(new MetricSample(SeriesKey.Create("task_seconds", new Label("task", "t" + i)), T0.AddSeconds(1), i));
        }

        var live = writer.SeriesCount;
        _scheduler.AdvanceBy(TimeSpan.FromHours(1.5).Ticks);
        var afterAnHour = writer.SeriesCount;
        writer.OnNext(new MetricSample(Cpu, T0.AddHours(1.5), 1));

        Assert.Equal(1_000, live);
        Assert.Equal(0, afterAnHour);
        Assert.Equal(1, writer.SeriesCount);
    }

    [Fact]
    public async Task WriteRollupsTo_KernelScript_ClosesTheTenSecondBucketsTheWindowKernelCloses()
    {
        (double Seconds, double Value)[] steps = [(1, 1), (3, 2), (10, 4), (14, 8), (35, 16), (36, 32), (60, double.NaN), (38, 64), (61, 128)];
        _scheduler.AdvanceTo(T0.UtcTicks);
        await using var store = OpenStore();
        var samples = new Subject<MetricSample>();
        var expected = new List<RollupPoint>();
        var kernel = new TumblingWindow<SumCount>(TimeSpan.FromSeconds(10), default);
        using (samples.WriteRollupsTo(store, _scheduler))
        {
            foreach (var (seconds, value) in steps)
            {
                var time = T0.AddSeconds(seconds);
                if (double.IsNaN(value))
                {
                    // The roll-ups' clock sweep leaves a bucket open for one sweep period after its end.
                    _scheduler.AdvanceTo(time.UtcTicks);
                    kernel.CloseEnded(time.UtcTicks - RollupWriter.CloseDelay.Ticks, new Recorder(expected));
                    continue;
                }

                kernel.Add(time.UtcTicks, value, new Recorder(expected));
                samples.OnNext(new MetricSample(Cpu, time, value));
            }

            kernel.Close(new Recorder(expected));
        }

        await store.FlushAsync();

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, await store.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, T0, T0.AddMinutes(5)));
    }

    [Fact]
    public async Task Sweep_SeriesWithEveryBucketClosed_ItsKeyIsLetGoOf()
    {
        _scheduler.AdvanceTo(T0.UtcTicks);
        await using var store = OpenStore();
        using var writer = new RollupWriter(store, _scheduler);
        var gone = Feed(writer, T0.AddSeconds(1));
        _scheduler.AdvanceBy(TimeSpan.FromHours(1.5).Ticks);
        await store.FlushAsync();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(gone.TryGetTarget(out _));
    }

    public void Dispose() => _directory.Dispose();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference<SeriesKey> Feed(RollupWriter writer, DateTimeOffset time)
    {
        var key = SeriesKey.Create("task_seconds", new Label("task", "let-go"));
        writer.OnNext(new MetricSample(key, time, 1));
        return new WeakReference<SeriesKey>(key);
    }

    private SqliteStore OpenStore(string? path = null) =>
        StoreFactory.Open(path ?? _directory.File("rollups.db"), _scheduler.AsTimeProvider());

    private struct SumCount : IWindowFigure
    {
        public long Count { get; private set; }

        public double Sum { get; private set; }

        public double Min { get; private set; }

        public double Max { get; private set; }

        public double Last { get; private set; }

        public void Add(double value)
        {
            (Min, Max) = Count == 0 ? (value, value) : (Math.Min(Min, value), Math.Max(Max, value));
            Count++;
            Sum += value;
            Last = value;
        }

        public void Reset() => (Count, Sum) = (0, 0);
    }

    private readonly struct Recorder(List<RollupPoint> points) : ITumblingWindowObserver<SumCount>
    {
        public void OnClosed(long startTicks, long endTicks, ref SumCount figure) =>
            points.Add(new RollupPoint(new DateTimeOffset(startTicks, TimeSpan.Zero), figure.Count, figure.Sum, figure.Min, figure.Max, figure.Last));
    }
}
