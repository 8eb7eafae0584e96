using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Benchmarks.Sqlite;

/// <summary>
/// A 30-day range query of one series over 1-minute roll-ups (43,200 buckets) in a store holding 30 days of
/// 1-minute roll-ups for 1,000 series (43.2 M buckets, each with a 6-sample quantile sketch, in about 120 k
/// segment rows of up to 360 buckets: schema version 2). The database is built once, by the store's own writer
/// and then compacted by its maintenance, and kept in the temp folder for later runs (the file name carries the
/// layout version). Baseline: the same segment rows read with a bare ADO.NET reader (one seek per chunk, as the store does), without decoding them.
/// <see cref="QueryRange30DaysOneMinuteP99"/> also asks every bucket's sketch for its p99.
/// </summary>
[MemoryDiagnoser]
public class SqliteRangeQueryBenchmarks
{
    private const int Series = 1_000;
    private const int Days = 30;
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), "rxmon-bench", $"range-{Series}x{Days}d-v2.db");
    private SeriesKey[] _keys = [];
    private SqliteStore _store = null!;
    private SqliteConnection _plain = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _keys = [.. Enumerable.Range(0, Series).Select(static i => SeriesKey.Create("cpu_usage_percent", new Label("host", "h" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture))))];
        if (!File.Exists(DatabasePath + ".complete"))
        {
            Build();
        }

        _store = SqliteStore.Open(new SqliteStoreOptions { Path = DatabasePath, MaxDatabaseBytes = 0, OneMinuteRetention = TimeSpan.FromDays(400), MaintenanceInterval = TimeSpan.FromDays(49) });
        _plain = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        _plain.Open();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Benchmark(Baseline = true)]
    public long AdoNetReader()
    {
        var key = NextKey();
        using var lookup = _plain.CreateCommand();
        lookup.CommandText = "SELECT id FROM series WHERE key = $key";
        lookup.Parameters.AddWithValue("$key", key.ToString());
        var series = (long)lookup.ExecuteScalar()!;
        using var command = _plain.CreateCommand();
        command.CommandText = "SELECT data FROM rollup_1m WHERE chunk = $chunk AND series_id = $series ORDER BY id";
        var chunk = command.Parameters.Add("$chunk", SqliteType.Integer);
        command.Parameters.AddWithValue("$series", series);
        command.Prepare();
        long bytes = 0;
        const long ChunkSeconds = 360 * 60;
        for (var start = End.AddDays(-Days).ToUnixTimeSeconds(); start < End.ToUnixTimeSeconds(); start += ChunkSeconds)
        {
            chunk.Value = start - (start % ChunkSeconds);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                bytes += reader.GetStream(0).Length;
            }
        }

        return bytes;
    }

    [Benchmark]
    public int QueryRange30DaysOneMinute()
    {
        var points = _store.QueryRangeAsync(NextKey(), RollupResolution.OneMinute, End.AddDays(-Days), End).GetAwaiter().GetResult();
        return points.Count;
    }

    [Benchmark]
    public double QueryRange30DaysOneMinuteP99()
    {
        var points = _store.QueryRangeAsync(NextKey(), RollupResolution.OneMinute, End.AddDays(-Days), End).GetAwaiter().GetResult();
        var worst = 0.0;
        foreach (var point in points)
        {
            worst = Math.Max(worst, point.Quantile(0.99));
        }

        return worst;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private SeriesKey NextKey() => _keys[_next++ % Series];

    private void Build()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        foreach (var stale in Directory.GetFiles(Path.GetDirectoryName(DatabasePath)!, Path.GetFileName(DatabasePath) + "*"))
        {
            File.Delete(stale);
        }

        using (var store = SqliteStore.Open(new SqliteStoreOptions
        {
            Path = DatabasePath,
            QueueCapacity = 1 << 20,
            BatchSize = 65_536,
            BatchDelay = TimeSpan.Zero,
            MaxDatabaseBytes = 0,
            OneMinuteRetention = TimeSpan.FromDays(400),
        }, new FixedTimeProvider(End)))
        {
            var first = End.AddDays(-Days).ToUnixTimeSeconds();
            const int Minutes = Days * 24 * 60;
            var sketch = new AlphaTrade.RxMonitor.Metrics.DDSketch();
            for (var s = 0; s < Series; s++)
            {
                for (var m = 0; m < Minutes; m++)
                {
                    var value = 50 + (25 * Math.Sin((m + s) / 90.0));
                    sketch.Clear();
                    foreach (var sample in (ReadOnlySpan<double>)[value - 3.5, value - 1, value, value + 0.5, value + 1.75, value + 4.25])
                    {
                        sketch.Add(sample);
                    }

                    while (!store.TryWriteRollup(_keys[s], RollupResolution.OneMinute, first + (m * 60L), 6, value * 6, value - 3.5, value + 4.25, value + 0.5, sketch))
                    {
                        store.FlushAsync().GetAwaiter().GetResult();
                    }
                }
            }

            store.FlushAsync().GetAwaiter().GetResult();
            store.RunMaintenanceAsync().GetAwaiter().GetResult();
            if (store.Statistics.Committed != (long)Series * Minutes)
            {
                throw new InvalidOperationException($"Building the range-query database committed {store.Statistics.Committed} rows: {store.Health.Description}");
            }
        }

        File.WriteAllText(DatabasePath + ".complete", DateTimeOffset.UnixEpoch.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }
}
