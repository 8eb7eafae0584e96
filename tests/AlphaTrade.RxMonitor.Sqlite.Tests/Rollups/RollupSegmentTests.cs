using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Rollups;

/// <summary>The segment layout (schema version 2): several buckets per row, merged on read, compacted by maintenance.</summary>
public sealed class RollupSegmentTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    // 1-minute chunks are 6 hours: [00:00, 06:00) of the day before Now is a closed chunk.
    private static readonly DateTimeOffset Chunk = new(2026, 11, 26, 0, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu_usage_percent", new Label("host", "a"));
    private readonly TempDirectory _directory = new();
    private readonly TestScheduler _scheduler = new();

    public RollupSegmentTests() => _scheduler.AdvanceTo(Now.UtcTicks);

    [Fact]
    public async Task TryWrite_ManyBucketsOfOneSeriesInOneBatch_OneRowPerChunk()
    {
        // The batch waits (in virtual time, so until the flush) for more writes: the 120 buckets commit together.
        var options = StoreFactory.Options(_directory.File("store.db"));
        options.BatchDelay = TimeSpan.FromHours(1);
        await using var store = Open(options);
        for (var minute = 300; minute < 420; minute++)
        {
            Write(store, Chunk.AddMinutes(minute), minute, minute);
        }

        await store.FlushAsync();

        Assert.Equal(2, StoreSql.Scalar(store.Path, "SELECT count(*) FROM rollup_1m"));
        Assert.Equal(120, StoreSql.Scalar(store.Path, "SELECT sum(buckets) FROM rollup_1m"));
        Assert.Equal(120, (await Query(store)).Count);
    }

    [Fact]
    public async Task QueryRangeAsync_BucketWrittenInTwoBatches_ReadBackMergedOnce()
    {
        await using var store = Open();
        Write(store, Chunk.AddMinutes(5), 1, 4, 2);
        await store.FlushAsync();
        Write(store, Chunk.AddMinutes(5), 3, 9, 1);
        await store.FlushAsync();

        var point = Assert.Single(await Query(store));

        Assert.Equal(new RollupPoint(Chunk.AddMinutes(5), 6, 20, 1, 9, 1), point);
        Assert.Equal(2, StoreSql.Scalar(store.Path, "SELECT count(*) FROM rollup_1m"));
    }

    [Fact]
    public async Task QueryRangeAsync_BucketsWrittenOutOfOrderAcrossBatches_OldestFirst()
    {
        await using var store = Open();
        Write(store, Chunk.AddMinutes(7), 7, 7);
        Write(store, Chunk.AddMinutes(3), 3, 3);
        await store.FlushAsync();
        Write(store, Chunk.AddMinutes(5), 5, 5);
        Write(store, Chunk.AddMinutes(1), 1, 1);
        await store.FlushAsync();

        var points = await Query(store);

        Assert.Equal([1.0, 3, 5, 7], points.Select(static p => p.Last));
        Assert.Equal([1L, 3, 5, 7], points.Select(static p => (p.Start - Chunk).Ticks / TimeSpan.TicksPerMinute));
    }

    [Fact]
    public async Task QueryRangeAsync_BucketAcrossSegments_SketchesMergeAsIfWrittenOnce()
    {
        await using var store = Open();
        double[] first = [1, 2, 3, 4, 5];
        double[] second = [100, 200, 300, 400, 500, 600];
        Write(store, Chunk, first);
        await store.FlushAsync();
        Write(store, Chunk, second);
        await store.FlushAsync();
        var all = Sketch([.. first, .. second]);

        var point = Assert.Single(await Query(store));

        Assert.True(point.HasSketch);
        Assert.All([0.1, 0.25, 0.5, 0.75, 0.9, 0.99], q => Assert.Equal(all.Quantile(q), point.Quantile(q)));
    }

    [Fact]
    public async Task QueryRangeAsync_PartWrittenWithoutSketch_MergedBucketHasNoSketch()
    {
        await using var store = Open();
        Write(store, Chunk, [1, 2, 3]);
        await store.FlushAsync();
        store.TryWrite(StoreWrite.Rollup(Cpu, RollupResolution.OneMinute, Chunk.ToUnixTimeSeconds(), 1, 4, 4, 4, 4));
        await store.FlushAsync();

        var point = Assert.Single(await Query(store));

        Assert.Equal(4, point.Count);
        Assert.False(point.HasSketch);
        Assert.True(double.IsNaN(point.Quantile(0.5)));
    }

    [Fact]
    public async Task RunMaintenanceAsync_ClosedChunkWithManySegments_CompactedIntoOneReadingTheSame()
    {
        await using var store = Open();
        for (var batch = 0; batch < 5; batch++)
        {
            for (var minute = 0; minute < 10; minute++)
            {
                Write(store, Chunk.AddMinutes(minute * 2), batch + minute, (batch * 10) + minute, 1 + batch + minute);
            }

            await store.FlushAsync();
        }

        var before = await Query(store);

        await store.RunMaintenanceAsync();

        var after = await Query(store);
        Assert.Equal(1, StoreSql.Scalar(store.Path, "SELECT count(*) FROM rollup_1m"));
        Assert.Equal(before, after);
        Assert.Equal(10, after.Count);
        Assert.All(after, p => Assert.Equal(15, p.Count));
        Assert.Equal(before.Select(static p => p.Quantile(0.9)), after.Select(static p => p.Quantile(0.9)));
    }

    [Fact]
    public async Task RunMaintenanceAsync_OpenChunk_LeftUncompactedHoweverManySegments()
    {
        await using var store = Open();
        for (var batch = 0; batch < 12; batch++)
        {
            Write(store, Now.AddMinutes(batch), batch, batch);
            await store.FlushAsync();
        }

        await store.RunMaintenanceAsync();

        Assert.Equal(12, StoreSql.Scalar(store.Path, "SELECT count(*) FROM rollup_1m"));
    }

    [Fact]
    public async Task RunMaintenanceAsync_SegmentStraddlingRetentionCutoff_KeptUntilItsNewestBucketExpires()
    {
        var options = StoreFactory.Options(_directory.File("store.db"));
        options.OneMinuteRetention = TimeSpan.FromHours(32);
        await using var store = Open(options);

        // The cutoff (Now - 32 h = Chunk + 4 h) falls inside the chunk [Chunk, Chunk + 6 h): one bucket on each side.
        Write(store, Chunk.AddHours(1), 1, 1);
        Write(store, Chunk.AddHours(5), 5, 5);
        await store.FlushAsync();
        await store.RunMaintenanceAsync();
        var kept = await Query(store);

        _scheduler.AdvanceBy(TimeSpan.FromHours(5).Ticks);
        await store.RunMaintenanceAsync();

        Assert.Equal(2, kept.Count);
        Assert.Empty(await Query(store));
    }

    [Fact]
    public async Task RunMaintenanceAsync_MalformedSegment_LeftAsIsAndOtherChunksCompacted()
    {
        await using var store = Open();
        var memory = SeriesKey.Create("memory_used_bytes", new Label("host", "a"));
        for (var batch = 0; batch < 2; batch++)
        {
            Write(store, Chunk.AddMinutes(batch), batch);
            Assert.True(store.TryWriteRollup(memory, RollupResolution.OneMinute, Chunk.AddMinutes(batch).ToUnixTimeSeconds(), 1, 1, 1, 1, 1, null));
            await store.FlushAsync();
        }

        StoreSql.Scalar(store.Path, "UPDATE rollup_1m SET data = x'01ff' WHERE series_id = (SELECT id FROM series WHERE name = 'cpu_usage_percent') AND id = (SELECT min(id) FROM rollup_1m); SELECT 0");

        await store.RunMaintenanceAsync();

        Assert.Equal(2, StoreSql.Scalar(store.Path, "SELECT count(*) FROM rollup_1m WHERE series_id = (SELECT id FROM series WHERE name = 'cpu_usage_percent')"));
        Assert.Equal(1, StoreSql.Scalar(store.Path, "SELECT count(*) FROM rollup_1m WHERE series_id = (SELECT id FROM series WHERE name = 'memory_used_bytes')"));
        await Assert.ThrowsAsync<InvalidDataException>(() => Query(store));
    }

    [Fact]
    public async Task TryWriteRollup_SketchRingFullWhileWriterBusy_BucketKeptWithoutSketchAndCounted()
    {
        var options = StoreFactory.Options(_directory.File("store.db"));
        options.QueueCapacity = 1_000;
        await using var store = Open(options);
        var wide = Sketch(Enumerable.Range(1, 2_000).Select(static i => Math.Pow(1.03, i)));
        using var busy = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocked = store.RunOnWriterAsync(() =>
        {
            busy.Set();
            release.Wait();
            return 0;
        });
        busy.Wait();

        // The 1 MB ring holds ~240 of these ~4 KB sketches while the writer is held.
        for (var minute = 0; minute < 400; minute++)
        {
            Assert.True(store.TryWriteRollup(Cpu, RollupResolution.OneMinute, Chunk.AddMinutes(minute).ToUnixTimeSeconds(), 1, 1, 1, 1, 1, wide));
        }

        release.Set();
        await blocked;
        await store.FlushAsync();

        var points = await Query(store);
        Assert.Equal(400, points.Count);
        Assert.True(points[0].HasSketch);
        Assert.False(points[^1].HasSketch);
        Assert.Equal(points.Count(static p => !p.HasSketch), store.Statistics.DroppedSketches);
    }

    public void Dispose() => _directory.Dispose();

    private static void Write(SqliteStore store, DateTimeOffset bucket, params double[] values)
    {
        Assert.True(store.TryWriteRollup(Cpu, RollupResolution.OneMinute, bucket.ToUnixTimeSeconds(), values.Length, values.Sum(), values.Min(), values.Max(), values[^1], Sketch(values)));
    }

    private static DDSketch Sketch(IEnumerable<double> values)
    {
        var sketch = new DDSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }

        return sketch;
    }

    private static Task<IReadOnlyList<RollupPoint>> Query(SqliteStore store) =>
        store.QueryRangeAsync(Cpu, RollupResolution.OneMinute, Now.AddDays(-3), Now.AddDays(1));

    private SqliteStore Open(SqliteStoreOptions? options = null) =>
        SqliteStore.Open(options ?? StoreFactory.Options(_directory.File("store.db")), _scheduler.AsTimeProvider());
}
