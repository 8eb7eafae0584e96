using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Benchmarks.Sqlite;

/// <summary>
/// Roll-up buckets written to SQLite, per BUCKET: the store's writer (queue → per batch, the buckets of one
/// series within one chunk go into one segment row, so a SQL row holds several buckets — up to about 16 here, as a
/// 16,384-write batch spans 1,000 series; fewer when the writer commits before the producer has queued that many)
/// against a plain ADO.NET one-row-per-bucket upsert loop in one transaction into a schema-1 style table
/// (<c>(series_id, bucket)</c> WITHOUT ROWID, the baseline). Every invocation writes new buckets of 1,000 series,
/// time-major (every series' bucket of one minute, then the next minute), as in steady operation.
/// <see cref="StoreWriteRollupBucketsWithSketches"/> also gives each bucket a quantile sketch of 6 samples,
/// serialized when the bucket is queued (filling and serializing it are in the measured loop), as the roll-up
/// writer does.
/// </summary>
[MemoryDiagnoser]
public class SqliteRollupWriteBenchmarks
{
    private const int Series = 1_000;
    private const int Rows = 100_000;
    private SeriesKey[] _keys = [];
    private string _directory = "";
    private SqliteStore _store = null!;
    private SqliteConnection _plain = null!;
    private readonly AlphaTrade.RxMonitor.Metrics.DDSketch _sketch = new();
    private long _nextBucket = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();

    [GlobalSetup]
    public void Setup()
    {
        _directory = BenchmarkDatabase.NewDirectory("rollups");
        _keys = [.. Enumerable.Range(0, Series).Select(static i => SeriesKey.Create("order_latency_seconds", new Label("venue", "v" + i)))];
        _store = SqliteStore.Open(new SqliteStoreOptions
        {
            Path = Path.Combine(_directory, "store.db"),
            QueueCapacity = Rows * 2,
            BatchSize = 16_384,
            BatchDelay = TimeSpan.Zero,
            MaxDatabaseBytes = 0,
        });
        _plain = new SqliteConnection($"Data Source={Path.Combine(_directory, "store.db")};Pooling=False");
        _plain.Open();
        using (var create = _plain.CreateCommand())
        {
            create.CommandText = """
                CREATE TABLE baseline_rollup (series_id INTEGER NOT NULL, bucket INTEGER NOT NULL, count INTEGER NOT NULL,
                    sum REAL NOT NULL, min REAL NOT NULL, max REAL NOT NULL, last REAL NOT NULL, PRIMARY KEY (series_id, bucket)) WITHOUT ROWID
                """;
            create.ExecuteNonQuery();
        }

        foreach (var key in _keys)
        {
            _store.TryWrite(StoreWrite.Rollup(key, RollupResolution.OneMinute, 0, 1, 1, 1, 1, 1));
        }

        _store.FlushAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _plain.Dispose();
        _store.Dispose();
        BenchmarkDatabase.Delete(_directory);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public void AdoNetUpsertLoop()
    {
        using var transaction = _plain.BeginTransaction();
        using var command = _plain.CreateCommand();
        command.CommandText = """
            INSERT INTO baseline_rollup (series_id, bucket, count, sum, min, max, last) VALUES ($s, $b, $c, $sum, $min, $max, $last)
            ON CONFLICT (series_id, bucket) DO UPDATE SET count = count + excluded.count, sum = sum + excluded.sum,
                min = min(min, excluded.min), max = max(max, excluded.max), last = excluded.last
            """;
        var series = command.Parameters.Add("$s", SqliteType.Integer);
        var bucket = command.Parameters.Add("$b", SqliteType.Integer);
        var count = command.Parameters.Add("$c", SqliteType.Integer);
        var sum = command.Parameters.Add("$sum", SqliteType.Real);
        var min = command.Parameters.Add("$min", SqliteType.Real);
        var max = command.Parameters.Add("$max", SqliteType.Real);
        var last = command.Parameters.Add("$last", SqliteType.Real);
        command.Prepare();
        for (var i = 0; i < Rows; i++)
        {
            if (i % Series == 0)
            {
                _nextBucket += 60;
            }

            series.Value = (i % Series) + 1;
            bucket.Value = _nextBucket;
            count.Value = 6L;
            sum.Value = 0.0123 * i;
            min.Value = 0.0011;
            max.Value = 0.0042;
            last.Value = 0.0021;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void StoreWriteRollupBuckets()
    {
        for (var i = 0; i < Rows; i++)
        {
            if (i % Series == 0)
            {
                _nextBucket += 60;
            }

            _store.TryWrite(StoreWrite.Rollup(_keys[i % Series], RollupResolution.OneMinute, _nextBucket, 6, 0.0123 * i, 0.0011, 0.0042, 0.0021));
        }

        _store.FlushAsync().GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = Rows)]
    public void StoreWriteRollupBucketsWithSketches()
    {
        for (var i = 0; i < Rows; i++)
        {
            if (i % Series == 0)
            {
                _nextBucket += 60;
            }

            var value = 0.002 + (0.0001 * (i % 97));
            _sketch.Clear();
            for (var sample = 0; sample < 6; sample++)
            {
                _sketch.Add(value * (1 + (0.1 * sample)));
            }

            _store.TryWriteRollup(_keys[i % Series], RollupResolution.OneMinute, _nextBucket, 6, value * 6.15, value, value * 1.5, value * 1.2, _sketch);
        }

        _store.FlushAsync().GetAwaiter().GetResult();
    }
}
