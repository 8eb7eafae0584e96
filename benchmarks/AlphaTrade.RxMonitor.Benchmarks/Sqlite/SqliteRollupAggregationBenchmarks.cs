using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using BenchmarkDotNet.Attributes;

namespace AlphaTrade.RxMonitor.Benchmarks.Sqlite;

/// <summary>
/// The per-sample cost of the roll-up writer (aggregation at three resolutions plus queuing the closed
/// buckets to the store) for 1,000 series sampled once a second. Baseline: the same samples through a
/// subject to an empty observer.
/// </summary>
[MemoryDiagnoser]
public class SqliteRollupAggregationBenchmarks
{
    private const int Series = 1_000;
    private const int Samples = 100_000;
    private SeriesKey[] _keys = [];
    private string _directory = "";
    private SqliteStore _store = null!;
    private Subject<MetricSample> _rollups = null!;
    private Subject<MetricSample> _empty = null!;
    private IDisposable _subscription = null!;
    private long _ticks = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks;

    [GlobalSetup]
    public void Setup()
    {
        _directory = BenchmarkDatabase.NewDirectory("aggregation");
        _keys = [.. Enumerable.Range(0, Series).Select(static i => SeriesKey.Create("fill_ratio", new Label("book", "b" + i)))];
        _store = SqliteStore.Open(new SqliteStoreOptions
        {
            Path = Path.Combine(_directory, "store.db"),
            QueueCapacity = 1 << 20,
            BatchSize = 16_384,
            BatchDelay = TimeSpan.Zero,
            MaxDatabaseBytes = 0,
        });
        _rollups = new Subject<MetricSample>();
        _subscription = _rollups.WriteRollupsTo(_store, new HistoricalScheduler());
        _empty = new Subject<MetricSample>();
        _empty.Subscribe(static _ => { });
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _subscription.Dispose();
        _store.Dispose();
        BenchmarkDatabase.Delete(_directory);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Samples)]
    public void SubjectToEmptyObserver() => Push(_empty);

    [Benchmark(OperationsPerInvoke = Samples)]
    public void WriteRollupsToStore() => Push(_rollups);

    private void Push(Subject<MetricSample> subject)
    {
        for (var i = 0; i < Samples; i++)
        {
            if (i % Series == 0)
            {
                _ticks += TimeSpan.TicksPerSecond;
            }

            subject.OnNext(new MetricSample(_keys[i % Series], _ticks, i * 0.5));
        }
    }
}
