using System.Diagnostics;
using System.Globalization;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Benchmarks.HotPath;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sqlite;
using AlphaTrade.RxMonitor.Sqlite.Rollups;

namespace AlphaTrade.RxMonitor.Benchmarks.Soak;

/// <summary>
/// The soak run (not a BenchmarkDotNet benchmark, not in CI): <c>dotnet run -c Release -- soak [minutes] [rate]</c>
/// records <c>rate</c> samples/s (default 200,000) over 200 series, paced by the millisecond (the writer sleeps between), through the ingest, the two
/// hot-path rules with an alert manager, the roll-up writer and a SQLite store in a temporary directory, for
/// <c>minutes</c> (default 10). Every 10 s it prints the working set, the GC heap, the memory the GC had committed at its last collection,
/// SQLite's own heap (its page caches, bounded by <c>cache_size</c> per connection), the store's file size, samples delivered and dropped, store writes
/// dropped, the process CPU and the load average; at the end the slope of working set, working set without SQLite's
/// heap and the GC's memory (the larger of its committed bytes at the last collection and its heap now, which holds
/// what was allocated since), GC heap and store size after the first minute (least squares, MB/min) and the totals.
/// </summary>
internal static class SoakRun
{
    private const int Series = 200;

    public static int Run(string[] args)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 10;
        var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200_000;
        var directory = Directory.CreateTempSubdirectory("rxmon-soak-").FullName;
        var keys = Enumerable.Range(0, Series).Select(static i => SeriesKey.Create("order_latency_us", new Label("venue", "v" + i.ToString(CultureInfo.InvariantCulture)))).ToArray();
        var options = new IngestOptions { CapacityPerWriter = 1 << 18 };
        var ingest = new MetricIngest(options, TimeProvider.System);
        var loop = new IngestLoop(ingest, options, TimeProvider.System);
        var store = SqliteStore.Open(new SqliteStoreOptions { Path = Path.Combine(directory, "soak.db") });
        var manager = new AlertManager(new AlertingOptions(), loop, store.AlertHistory);
        using var rollups = ingest.Samples.WriteRollupsTo(store, loop);
        using var rules = RxMonitorRules.Pipeline(ingest.Samples, loop).Subscribe(manager);
        loop.Start();

        var process = Process.GetCurrentProcess();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromMinutes(minutes);
        var nextReport = TimeSpan.Zero;
        var points = new List<SoakPoint>();
        long recorded = 0;
        var perMillisecond = rate / 1000.0;
        var owed = 0.0;
        var lastMillisecond = 0L;
        var cpuAtStart = process.TotalProcessorTime;
        Console.WriteLine("time_s,working_set_mb,gc_heap_mb,gc_committed_mb,sqlite_heap_mb,store_mb,delivered,dropped_ingest,dropped_store,cpu_pct,load1");
        while (clock.Elapsed < end)
        {
            var millisecond = clock.ElapsedMilliseconds;
            if (millisecond == lastMillisecond)
            {
                Thread.Sleep(1);
                continue;
            }

            owed += (millisecond - lastMillisecond) * perMillisecond;
            lastMillisecond = millisecond;
            var now = DateTimeOffset.UtcNow.UtcTicks;
            for (; owed >= 1; owed--)
            {
                var key = keys[recorded % Series];
                ingest.Record(key, now, 100 + (recorded % 97));
                recorded++;
            }

            if (clock.Elapsed >= nextReport)
            {
                process.Refresh();
                var workingSet = process.WorkingSet64 / 1e6;
                var heap = GC.GetTotalMemory(false) / 1e6;
                var gcCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes / 1e6;
                var sqliteHeap = SQLitePCL.raw.sqlite3_memory_used() / 1e6;
                var file = new FileInfo(Path.Combine(directory, "soak.db"));
                var wal = new FileInfo(Path.Combine(directory, "soak.db-wal"));
                var storeMb = ((file.Exists ? file.Length : 0) + (wal.Exists ? wal.Length : 0)) / 1e6;
                var statistics = ingest.GetStatistics();
                var cpu = clock.Elapsed.TotalSeconds > 0 ? (process.TotalProcessorTime - cpuAtStart).TotalSeconds / clock.Elapsed.TotalSeconds * 100 : 0;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{clock.Elapsed.TotalSeconds:F0},{workingSet:F1},{heap:F1},{gcCommitted:F1},{sqliteHeap:F1},{storeMb:F1},{statistics.Delivered},{statistics.Dropped + statistics.Rejected},{store.Statistics.DroppedQueueFull + store.Statistics.DroppedWriteFailed},{cpu:F0},{LoadAverage()}"));
                points.Add(new SoakPoint(clock.Elapsed.TotalMinutes, workingSet, heap, gcCommitted, sqliteHeap, storeMb));
                nextReport += TimeSpan.FromSeconds(10);
            }
        }

        loop.Dispose();
        var warm = points.Where(static p => p.Minutes >= 1).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"recorded {recorded:N0} samples in {clock.Elapsed.TotalSeconds:F0} s ({recorded / clock.Elapsed.TotalSeconds:N0}/s); after the first minute: working set slope {Slope(warm, static p => p.WorkingSetMb):F2} MB/min, without SQLite's heap {Slope(warm, static p => p.WorkingSetMb - p.SqliteHeapMb):F2} MB/min, without it and the GC's memory {Slope(warm, static p => p.WorkingSetMb - p.SqliteHeapMb - Math.Max(p.GcCommittedMb, p.HeapMb)):F2} MB/min, GC heap slope {Slope(warm, static p => p.HeapMb):F2} MB/min, store size slope {Slope(warm, static p => p.StoreMb):F2} MB/min"));
        manager.DisposeAsync().AsTask().GetAwaiter().GetResult();
        store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? File.ReadAllText(path).Split(' ')[0] : "";
    }

    private static double Slope(List<SoakPoint> points, Func<SoakPoint, double> value)
    {
        if (points.Count < 2)
        {
            return double.NaN;
        }

        var meanX = points.Average(static p => p.Minutes);
        var meanY = points.Average(value);
        var covariance = points.Sum(p => (p.Minutes - meanX) * (value(p) - meanY));
        var variance = points.Sum(p => (p.Minutes - meanX) * (p.Minutes - meanX));
        return covariance / variance;
    }
}
