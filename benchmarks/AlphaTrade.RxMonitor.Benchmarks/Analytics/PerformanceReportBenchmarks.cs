using System.Reactive.Concurrency;
using System.Globalization;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace AlphaTrade.RxMonitor.Benchmarks.Analytics;

/// <summary>
/// The performance report over a SQLite store holding 28 days of 1-minute samples (rolled up at 10 s, 1 min,
/// 1 h) for the default resources of a host with 8 disks: CPU, memory, 8 mount points, file descriptors, one
/// connection pool (12 series). The database is built once through the store's own writer and kept in the
/// temp folder. Baseline: one 24-hour range query of 1-minute roll-ups (what one capacity forecast reads).
/// </summary>
[MemoryDiagnoser]
public class PerformanceReportBenchmarks
{
    private const int Days = 28;
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string DatabasePath = Path.Combine(Path.GetTempPath(), "rxmon-bench", $"analytics-{Days}d-v1.db");
    private SeriesKey[] _keys = [];
    private SqliteStore _store = null!;
    private PerformanceAnalyzer _analyzer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _keys =
        [
            SeriesKey.Create("system_cpu_usage_percent", new Label("cpu", "total")),
            SeriesKey.Create("system_memory_usage_percent"),
            SeriesKey.Create("process_fd_usage_percent"),
            SeriesKey.Create("db_pool_usage_percent", new Label("db", "trading")),
            .. Enumerable.Range(0, 8).Select(static i => SeriesKey.Create(
                "system_disk_usage_percent", new Label("mountpoint", "/disk" + i.ToString(CultureInfo.InvariantCulture)))),
        ];
        if (!File.Exists(DatabasePath + ".complete"))
        {
            Build();
        }

        _store = SqliteStore.Open(new SqliteStoreOptions
        {
            Path = DatabasePath,
            MaxDatabaseBytes = 0,
            TenSecondRetention = TimeSpan.FromDays(400),
            MaintenanceInterval = TimeSpan.FromDays(49),
        });
        _analyzer = new PerformanceAnalyzer(_store, [], new FixedTimeProvider(End));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [Benchmark(Baseline = true)]
    public int QueryRange24HoursOneMinute() =>
        _store.QueryRangeAsync(_keys[4], RollupResolution.OneMinute, End.AddDays(-1), End).GetAwaiter().GetResult().Count;

    [Benchmark]
    public TimeSpan? ForecastOneResource() =>
        _analyzer.ForecastAsync("disk", _keys[4], 100).GetAwaiter().GetResult().TimeToExhaustion;

    [Benchmark]
    public double BaselineFourWeeks() =>
        _analyzer.GetBaselineAsync(_keys[0]).GetAwaiter().GetResult().Hours[0].Mean;

    [Benchmark]
    public int FullReport() =>
        _analyzer.GetReportAsync().GetAwaiter().GetResult().Capacity.Count;

    private void Build()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        File.Delete(DatabasePath);
        using (var store = SqliteStore.Open(new SqliteStoreOptions
        {
            Path = DatabasePath,
            MaxDatabaseBytes = 0,
            TenSecondRetention = TimeSpan.FromDays(400),
            QueueCapacity = 1 << 20,
        }))
        {
            var samples = new Subject<MetricSample>();
            using (samples.WriteRollupsTo(store, new HistoricalScheduler()))
            {
                var random = new Random(1);
                for (var at = End.AddDays(-Days); at < End; at = at.AddMinutes(1))
                {
                    var hours = (at - End.AddDays(-Days)).TotalHours;
                    for (var i = 0; i < _keys.Length; i++)
                    {
                        var value = 30 + (i * 2) + (0.02 * hours) + (10 * Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24)) + random.NextDouble();
                        samples.OnNext(new MetricSample(_keys[i], at, value));
                    }
                }
            }

            store.FlushAsync().GetAwaiter().GetResult();
        }

        File.WriteAllText(DatabasePath + ".complete", "");
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
