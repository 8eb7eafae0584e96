using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Benchmarks.Sqlite;

/// <summary>
/// Roll-up rows written to SQLite, per row: the store's writer (queue → 32-row prepared upserts, raw binds)
/// against a plain ADO.NET one-row-per-statement upsert loop in one transaction (the baseline). Every
/// invocation writes new buckets of 1,000 series, so rows are inserts, as in steady operation.
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
            INSERT INTO rollup_10s (series_id, bucket, count, sum, min, max, last) VALUES ($s, $b, $c, $sum, $min, $max, $last)
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
    public void StoreWriteRollupRows()
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
}
