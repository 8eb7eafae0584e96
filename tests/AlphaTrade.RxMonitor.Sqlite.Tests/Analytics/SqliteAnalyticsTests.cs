using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Facade;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sqlite.Rollups;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Analytics;

/// <summary>The analytics over a real temp SQLite file filled through the store's own roll-up writer, in virtual time.</summary>
public sealed class SqliteAnalyticsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey DiskRoot = SeriesKey.Create(
        SystemMetricNames.DiskUsagePercent, new Label("device", "/dev/sda1"), new Label("fstype", "ext4"), new Label("mountpoint", "/"));
    private static readonly SeriesKey DiskLogs = SeriesKey.Create(
        SystemMetricNames.DiskUsagePercent, new Label("device", "/dev/sdb1"), new Label("fstype", "ext4"), new Label("mountpoint", "/logs"));
    private static readonly SeriesKey Memory = SeriesKey.Create(SystemMetricNames.MemoryUsagePercent);
    private readonly TempDirectory _directory = new();
    private readonly TestScheduler _storeClock = new();
    private readonly TestScheduler _clock = new();

    public SqliteAnalyticsTests() => _clock.AdvanceTo(Now.UtcTicks);

    public void Dispose() => _directory.Dispose();

    private SqliteStore OpenStore() => StoreFactory.Open(_directory.File("rxmonitor.db"), _storeClock.AsTimeProvider());

    /// <summary>Writes the samples (in time order) through the roll-up writer and waits until they are committed.</summary>
    private static async Task WriteAsync(SqliteStore store, IEnumerable<MetricSample> samples)
    {
        var subject = new Subject<MetricSample>();
        using (subject.WriteRollupsTo(store, store.TimeProvider.AsScheduler()))
        {
            foreach (var sample in samples)
            {
                subject.OnNext(sample);
            }
        }

        await store.FlushAsync();
    }

    /// <summary>Samples every <paramref name="step"/> over [now − span, now), value = f(hours before now).</summary>
    private static IEnumerable<MetricSample> Every(SeriesKey series, TimeSpan span, TimeSpan step, Func<double, double> value)
    {
        for (var at = Now - span; at < Now; at += step)
        {
            yield return new MetricSample(series, at, value((Now - at).TotalHours));
        }
    }

    private PerformanceAnalyzer Analyzer(SqliteStore store, params DatabaseMetrics[] databases) =>
        new(store, databases, _clock.AsTimeProvider());

    [Fact]
    public async Task MetricHistory_BucketsWithSketches_CarryTheirMedianAndP99()
    {
        await using var store = OpenStore();
        var start = new DateTimeOffset(2026, 11, 27, 11, 0, 0, TimeSpan.Zero);
        await WriteAsync(store, Enumerable.Range(1, 100).Select(i => new MetricSample(Memory, start.AddMilliseconds(i * 50), i)));

        var bucket = Assert.Single(await store.QueryRangeAsync(Memory, RollupResolution.OneMinute, start, start.AddMinutes(1)));

        Assert.Equal(50, bucket.Quantile(0.5), 50 * 0.02);
        Assert.Equal(99, bucket.Quantile(0.99), 99 * 0.02);
    }

    [Fact]
    public async Task ForecastAsync_DiskFillingLinearly_TimeToExhaustionWithinTheBand()
    {
        // 0.5 % per hour with ±1.5 % noise, 70 % now: the true exhaustion is 60 hours away.
        var random = new Random(11);
        await using var store = OpenStore();
        await WriteAsync(store, Every(DiskRoot, TimeSpan.FromHours(24), TimeSpan.FromSeconds(10), hoursAgo => 70 - (0.5 * hoursAgo) + ((random.NextDouble() - 0.5) * 3)));

        var forecast = await Analyzer(store).ForecastAsync("disk", DiskRoot, 100);

        Assert.Equal(CapacityOutlook.Forecast, forecast.Outlook);
        Assert.Equal(24 * 60, forecast.Points);
        Assert.Equal(0.5, forecast.SlopePerHour, 1);
        Assert.InRange(forecast.TimeToExhaustion!.Value.TotalHours, 57, 63);
        Assert.InRange(60, forecast.EarliestExhaustion!.Value.TotalHours, forecast.LatestExhaustion!.Value.TotalHours);
        Assert.True(forecast.LatestExhaustion - forecast.EarliestExhaustion < TimeSpan.FromHours(6));
    }

    [Fact]
    public async Task GetCapacityAsync_StoredResources_SoonestFirstAndFlatNever()
    {
        await using var store = OpenStore();
        await WriteAsync(store, Every(DiskRoot, TimeSpan.FromHours(6), TimeSpan.FromMinutes(1), hoursAgo => 70 - (0.5 * hoursAgo)));
        await WriteAsync(store, Every(DiskLogs, TimeSpan.FromHours(6), TimeSpan.FromMinutes(1), hoursAgo => 90 - (2 * hoursAgo)));
        await WriteAsync(store, Every(Memory, TimeSpan.FromHours(6), TimeSpan.FromMinutes(1), _ => 40));

        var forecasts = await Analyzer(store).GetCapacityAsync();

        Assert.Equal([DiskLogs, DiskRoot, Memory], forecasts.Select(f => f.Series));
        Assert.Equal(5, forecasts[0].TimeToExhaustion!.Value.TotalHours, 1);
        Assert.Equal(CapacityOutlook.Never, forecasts[2].Outlook);
    }

    [Fact]
    public async Task GetBottlenecksAsync_StoredLatestValues_RankedByCloseness()
    {
        await using var store = OpenStore();
        await WriteAsync(store, Every(DiskRoot, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(10), _ => 60));
        await WriteAsync(store, Every(DiskLogs, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(10), _ => 93));
        await WriteAsync(store, Every(Memory, TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(10), _ => 75));

        var ranked = await Analyzer(store).GetBottlenecksAsync();

        Assert.Equal([DiskLogs, Memory, DiskRoot], ranked.Select(r => r.Series));
        Assert.Equal(["disk", "memory", "disk"], ranked.Select(r => r.Resource));
        Assert.Equal(0.93, ranked[0].Saturation, 12);
    }

    [Fact]
    public async Task GetBaselineAsync_WeeklyPattern_BandPerHourOfWeekFromHourlyRollups()
    {
        // Three weeks: a daily cycle plus 2 per week (so each hour's three weekly means are m, m+2, m+4: stddev 2).
        await using var store = OpenStore();
        await WriteAsync(store, Every(Memory, TimeSpan.FromDays(21), TimeSpan.FromMinutes(15), hoursAgo =>
            Pattern(Now.AddHours(-hoursAgo)) + (2 * Math.Floor((21 * 24 - hoursAgo) / (7 * 24)))));
        var analyzer = Analyzer(store);

        var baseline = await analyzer.GetBaselineAsync(Memory, weeks: 3);

        var nine = baseline.At(Now.AddHours(-3));
        Assert.Equal(3, nine.Weeks);
        Assert.Equal(2, nine.StdDev, 6);
        Assert.Equal(HourlyMean(Now.AddHours(-3)) + 2, nine.Mean, 6);
        Assert.All(baseline.Hours, h => Assert.Equal(3, h.Weeks));
    }

    [Fact]
    public async Task GetBaselineDeviationAsync_ValueOutsideTheWeeklyBand_LargeZScore()
    {
        await using var store = OpenStore();
        await WriteAsync(store, Every(Memory, TimeSpan.FromDays(21), TimeSpan.FromMinutes(15), hoursAgo =>
            Pattern(Now.AddHours(-hoursAgo)) + (2 * Math.Floor((21 * 24 - hoursAgo) / (7 * 24)))));
        await WriteAsync(store, [new MetricSample(Memory, Now.AddSeconds(-30), HourlyMean(Now) + 2 + 20)]);

        var deviation = await Analyzer(store).GetBaselineDeviationAsync(Memory);

        Assert.NotNull(deviation);
        Assert.Equal(10, deviation.ZScore, 6);
    }

    [Fact]
    public async Task BaselineDetector_SeededFromTheStore_BreachesOnTheFirstSample()
    {
        await using var store = OpenStore();
        await WriteAsync(store, Every(Memory, TimeSpan.FromDays(21), TimeSpan.FromMinutes(15), hoursAgo =>
            Pattern(Now.AddHours(-hoursAgo)) + (2 * Math.Floor((21 * 24 - hoursAgo) / (7 * 24)))));
        var profile = await Analyzer(store).GetBaselineAsync(Memory, weeks: 3);
        var detector = new BaselineDetector(3, seed: new Dictionary<SeriesKey, SeasonalBaseline> { [Memory] = profile });
        var evaluator = detector.CreateEvaluator(Memory);

        evaluator.Add(Now.UtcTicks, HourlyMean(Now) + 2 + 7);
        var breached = evaluator.Evaluate(Now.UtcTicks);
        evaluator.Add(Now.UtcTicks + 1, HourlyMean(Now) + 2 + 1);
        var normal = evaluator.Evaluate(Now.UtcTicks + 1);

        Assert.Equal((DetectorOutcome.Breached, 3.5), (breached.Outcome, Math.Round(breached.Value, 6)));
        Assert.Equal(DetectorOutcome.Normal, normal.Outcome);
    }

    [Fact]
    public async Task GetQueryPerformanceAsync_PolledDatabaseInstrumentation_SlowStatementTopsTheList()
    {
        var dbClock = new TestScheduler();
        dbClock.AdvanceTo((Now - TimeSpan.FromMinutes(30)).UtcTicks);
        var db = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading" }, dbClock.AsTimeProvider());
        await using var store = OpenStore();
        var subject = new Subject<MetricSample>();
        using (subject.WriteRollupsTo(store, _storeClock))
        {
            // 30 minutes, polled every 10 s: each poll interval 20 fast lookups, 1 slow report query, every 5th poll one failed insert.
            for (var poll = 0; poll < 180; poll++)
            {
                for (var i = 0; i < 20; i++)
                {
                    db.RecordCommand($"SELECT price FROM quotes WHERE symbol = '{i}'", TimeSpan.FromMilliseconds(2), success: true);
                }

                db.RecordCommand("SELECT * FROM fills f JOIN orders o ON o.id = f.order_id WHERE f.day = 20261127", TimeSpan.FromMilliseconds(800), success: true);
                db.RecordCommand("INSERT INTO audit VALUES (1, 'x')", TimeSpan.FromMilliseconds(5), success: poll % 5 != 0);
                dbClock.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
                db.Poll(dbClock.Now.UtcTicks, subject);
            }
        }

        await store.FlushAsync();

        // The last poll is at Now, so the range runs to the end of its minute. Counts are increases between the
        // samples in the range (PromQL increase() without extrapolation): the calls before a statement's first
        // sample (one poll's worth) are not counted.
        var report = await Analyzer(store).GetQueryPerformanceAsync(Now - TimeSpan.FromMinutes(30), Now.AddMinutes(1));

        var slowest = report.Slowest[0];
        Assert.Equal("SELECT * FROM fills f JOIN orders o ON o.id = f.order_id WHERE f.day = ?", slowest.Statement);
        Assert.Equal(0.8, slowest.MeanSeconds, 6);
        var insert = Assert.Single(report.Statements, s => s.Statement.StartsWith("INSERT", StringComparison.Ordinal));
        Assert.Equal(179, insert.Count);
        Assert.Equal(35, insert.Errors);
        Assert.Equal(3580, report.Statements.Single(s => s.Statement.StartsWith("SELECT price", StringComparison.Ordinal)).Count);
    }

    [Fact]
    public async Task GetPerformanceMetricsAsync_MonitorWithStoreAnalyzer_AllSectionsFromTheFile()
    {
        await using var store = OpenStore();
        await WriteAsync(store, Every(DiskRoot, TimeSpan.FromHours(2), TimeSpan.FromSeconds(10), hoursAgo => 80 - hoursAgo));
        using var monitor = new SeedHealthMonitor(new RxMonitorConfig { Scheduler = _clock, FailureListener = new CollectingFailureListener(), Performance = Analyzer(store) });

        var report = await monitor.GetPerformanceMetricsAsync();

        Assert.Empty(report.Problems);
        Assert.Equal(DiskRoot, Assert.Single(report.Bottlenecks).Series);
        Assert.Equal(20, Assert.Single(report.Capacity).TimeToExhaustion!.Value.TotalHours, 1);
        Assert.Equal(3, report.Trends.Count);
        Assert.Equal(1, report.Trends[0].SlopePerHour, 3);
        Assert.Single(report.Baselines);
    }

    [Fact]
    public async Task GetPerformanceMetricsAsync_NotASqliteFile_ProblemsNameThePath()
    {
        var path = _directory.File("notes.txt");
        await File.WriteAllTextAsync(path, "not a database, just some notes that are long enough");
        await using var store = StoreFactory.Open(path, _storeClock.AsTimeProvider());
        using var monitor = new SeedHealthMonitor(new RxMonitorConfig { Scheduler = _clock, FailureListener = new CollectingFailureListener(), Performance = Analyzer(store) });

        var report = await monitor.GetPerformanceMetricsAsync();

        Assert.Empty(report.Bottlenecks);
        Assert.Contains(report.Problems, p => p.StartsWith("bottlenecks: ", StringComparison.Ordinal) && p.Contains(path, StringComparison.Ordinal));
    }

    private static double Pattern(DateTimeOffset at) => 50 + (20 * Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24));

    /// <summary>The mean of the four quarter-hour samples of <paramref name="at"/>'s hour in week 0.</summary>
    private static double HourlyMean(DateTimeOffset at)
    {
        var hour = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, 0, 0, TimeSpan.Zero);
        return Enumerable.Range(0, 4).Average(q => Pattern(hour.AddMinutes(15 * q)));
    }
}
