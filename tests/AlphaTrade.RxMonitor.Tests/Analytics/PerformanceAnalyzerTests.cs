using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Analytics;

public sealed class PerformanceAnalyzerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Cpu = SeriesKey.Create(SystemMetricNames.CpuUsagePercent, new Label("cpu", "total"));
    private static readonly SeriesKey CpuCore0 = SeriesKey.Create(SystemMetricNames.CpuUsagePercent, new Label("cpu", "0"));
    private static readonly SeriesKey DiskRoot = SeriesKey.Create(SystemMetricNames.DiskUsagePercent, new Label("mountpoint", "/"));
    private static readonly SeriesKey DiskData = SeriesKey.Create(SystemMetricNames.DiskUsagePercent, new Label("mountpoint", "/data"));
    private static readonly SeriesKey Pool = SeriesKey.Create(DatabaseMetricNames.PoolUsagePercent, new Label("db", "trading"));
    private readonly TestScheduler _scheduler = new();
    private readonly InMemoryMetricHistory _history = new();

    public PerformanceAnalyzerTests() => _scheduler.AdvanceTo(Now.UtcTicks);

    private PerformanceAnalyzer Analyzer(PerformanceAnalyzerOptions? options = null, params DatabaseMetrics[] databases) =>
        new(_history, databases, _scheduler.AsTimeProvider(), options);

    /// <summary>One sample in the middle of each minute of the <paramref name="hours"/> before now, value = f(hours before now).</summary>
    private void Minutely(SeriesKey series, double hours, Func<double, double> value)
    {
        for (var minute = (int)(hours * 60); minute >= 1; minute--)
        {
            var secondsAgo = (minute * 60) - 30;
            _history.AddSample(series, Now.AddSeconds(-secondsAgo), value(secondsAgo / 3600.0));
        }
    }

    [Fact]
    public void GetQueryPerformance_LiveStatements_CountMeanQuantilesMaxAndErrors()
    {
        var db = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading" }, _scheduler.AsTimeProvider());
        for (var i = 1; i <= 100; i++)
        {
            db.RecordCommand($"SELECT * FROM orders WHERE id = {i}", TimeSpan.FromMilliseconds(i), success: i > 2);
        }

        var statement = Assert.Single(Analyzer(null, db).GetQueryPerformance().Statements);

        Assert.Equal(("trading", "SELECT * FROM orders WHERE id = ?"), (statement.Database, statement.Statement));
        Assert.Equal(100, statement.Count);
        Assert.Equal(2, statement.Errors);
        Assert.Equal(0.0505, statement.MeanSeconds, 9);
        Assert.Equal(0.050, statement.P50Seconds!.Value, 0.0005);
        Assert.Equal(0.095, statement.P95Seconds!.Value, 0.001);
        Assert.Equal(0.099, statement.P99Seconds!.Value, 0.001);
        Assert.Equal(0.100, statement.MaxSeconds!.Value, 9);
    }

    [Fact]
    public void GetQueryPerformance_SlowStatement_TopsTheSlowestList()
    {
        var db = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading" }, _scheduler.AsTimeProvider());
        for (var i = 0; i < 1000; i++)
        {
            db.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(1), success: true);
        }

        db.RecordCommand("UPDATE positions SET qty = 5", TimeSpan.FromMilliseconds(400), success: true);
        db.RecordCommand("DELETE FROM fills", TimeSpan.FromMilliseconds(200), success: true);

        var report = Analyzer(new PerformanceAnalyzerOptions { TopSlowest = 2 }, db).GetQueryPerformance();

        Assert.Equal(["UPDATE positions SET qty = ?", "DELETE FROM fills"], report.Slowest.Select(s => s.Statement));
        Assert.Equal("SELECT ?", report.Statements[0].Statement);
    }

    [Fact]
    public async Task GetQueryPerformanceAsync_StoredCounters_IncreaseOverTheRangeWithResets()
    {
        var labels = LabelSet.Create(new Label("db", "trading"), new Label("statement", "SELECT ?"));
        var calls = SeriesKey.Create(DatabaseMetricNames.StatementCallsTotal, labels);
        var failures = SeriesKey.Create(DatabaseMetricNames.StatementFailuresTotal, labels);
        var seconds = SeriesKey.Create(DatabaseMetricNames.StatementDurationSecondsTotal, labels);
        // 10 calls a minute for 30 minutes, 0.5 s each, 1 failure every 10 minutes; a process restart at minute 20 resets the counters.
        for (var minute = 0; minute < 30; minute++)
        {
            var sinceStart = minute < 20 ? minute + 1 : minute - 19;
            var offset = minute < 20 ? 1 : 0;
            var at = Now.AddMinutes(-30 + minute);
            _history.AddSample(calls, at, (100 * offset) + (10 * sinceStart));
            _history.AddSample(seconds, at, (50 * offset) + (5 * sinceStart));
            _history.AddSample(failures, at, sinceStart / 10);
        }

        var report = await Analyzer().GetQueryPerformanceAsync(Now.AddMinutes(-30), Now);

        var statement = Assert.Single(report.Statements);
        Assert.Equal(290, statement.Count);
        Assert.Equal(145, statement.TotalSeconds, 9);
        Assert.Equal(0.5, statement.MeanSeconds, 9);
        Assert.Equal(3, statement.Errors);
        Assert.Null(statement.P99Seconds);
    }

    [Fact]
    public async Task GetBottlenecksAsync_Resources_RankedByCurrentOverLimit()
    {
        _history.AddSample(Cpu, Now.AddSeconds(-30), 50);
        _history.AddSample(CpuCore0, Now.AddSeconds(-30), 99);
        _history.AddSample(DiskRoot, Now.AddSeconds(-30), 90);
        _history.AddSample(DiskData, Now.AddSeconds(-30), 40);
        _history.AddSample(Pool, Now.AddMinutes(-2), 95);

        var ranked = await Analyzer().GetBottlenecksAsync();

        Assert.Equal([Pool, DiskRoot, Cpu, DiskData], ranked.Select(r => r.Series));
        Assert.Equal(("connection_pool", 0.95), (ranked[0].Resource, ranked[0].Saturation));
    }

    [Fact]
    public async Task GetBottlenecksAsync_ValueOlderThanFreshness_IsLeftOut()
    {
        _history.AddSample(DiskRoot, Now.AddMinutes(-6), 90);

        Assert.Empty(await Analyzer().GetBottlenecksAsync());
    }

    [Fact]
    public async Task GetBottlenecksAsync_ThreadPoolQueue_AgainstItsConfiguredLimit()
    {
        var queue = SeriesKey.Create("dotnet_thread_pool_queue_length_total");
        _history.AddSample(queue, Now.AddSeconds(-5), 30);

        var entry = Assert.Single(await Analyzer().GetBottlenecksAsync());

        Assert.Equal(("thread_pool_queue", 0.3), (entry.Resource, entry.Saturation));
    }

    [Fact]
    public async Task ForecastAsync_LinearGrowth_ExhaustionWhenTheLineReachesTheLimit()
    {
        // 1 % per hour, 64 % now: 36 hours left; a perfect line has a zero-width band.
        Minutely(DiskRoot, 24, hoursAgo => 64 - hoursAgo);

        var forecast = await Analyzer().ForecastAsync("disk", DiskRoot, 100);

        Assert.Equal(CapacityOutlook.Forecast, forecast.Outlook);
        Assert.Equal(1, forecast.SlopePerHour, 6);
        Assert.Equal(64, forecast.Current, 6);
        Assert.Equal(36, forecast.TimeToExhaustion!.Value.TotalHours, 3);
        Assert.Equal(36, forecast.EarliestExhaustion!.Value.TotalHours, 3);
        Assert.Equal(36, forecast.LatestExhaustion!.Value.TotalHours, 3);
    }

    [Fact]
    public async Task ForecastAsync_NoisyGrowth_BandAroundTheExpectedTime()
    {
        var random = new Random(7);
        Minutely(DiskRoot, 24, hoursAgo => 64 - hoursAgo + ((random.NextDouble() - 0.5) * 4));

        var forecast = await Analyzer().ForecastAsync("disk", DiskRoot, 100);

        Assert.InRange(forecast.TimeToExhaustion!.Value.TotalHours, 34, 38);
        Assert.True(forecast.EarliestExhaustion < forecast.TimeToExhaustion);
        Assert.True(forecast.LatestExhaustion > forecast.TimeToExhaustion);
        Assert.InRange(36, forecast.EarliestExhaustion!.Value.TotalHours - 0.5, forecast.LatestExhaustion!.Value.TotalHours + 0.5);
        Assert.True(forecast.SlopeStandardErrorPerHour > 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    public async Task ForecastAsync_FlatOrFalling_Never(double perHour)
    {
        Minutely(DiskRoot, 6, hoursAgo => 50 - (perHour * hoursAgo));

        var forecast = await Analyzer().ForecastAsync("disk", DiskRoot, 100);

        Assert.Equal(CapacityOutlook.Never, forecast.Outlook);
        Assert.Null(forecast.TimeToExhaustion);
    }

    [Fact]
    public async Task ForecastAsync_WeakGrowthWithinNoise_LatestIsNever()
    {
        var random = new Random(3);
        Minutely(DiskRoot, 1, hoursAgo => 50 - (0.01 * hoursAgo) + ((random.NextDouble() - 0.5) * 20));

        var forecast = await Analyzer().ForecastAsync("disk", DiskRoot, 100, TimeSpan.FromHours(1));

        Assert.Equal(CapacityOutlook.Forecast, forecast.Outlook);
        Assert.Null(forecast.LatestExhaustion);
        Assert.NotNull(forecast.EarliestExhaustion);
    }

    [Fact]
    public async Task ForecastAsync_AboveTheLimit_ExhaustedNow()
    {
        Minutely(DiskRoot, 1, hoursAgo => 100 + hoursAgo);

        var forecast = await Analyzer().ForecastAsync("disk", DiskRoot, 100);

        Assert.Equal(CapacityOutlook.Exhausted, forecast.Outlook);
        Assert.Equal(TimeSpan.Zero, forecast.TimeToExhaustion);
    }

    [Fact]
    public async Task ForecastAsync_TwoBuckets_InsufficientData()
    {
        _history.AddSample(DiskRoot, Now.AddMinutes(-2), 10);
        _history.AddSample(DiskRoot, Now.AddMinutes(-1), 11);

        var forecast = await Analyzer().ForecastAsync("disk", DiskRoot, 100);

        Assert.Equal((CapacityOutlook.InsufficientData, 2), (forecast.Outlook, forecast.Points));
    }

    [Fact]
    public async Task GetCapacityAsync_SoonestFirstNeverLast()
    {
        Minutely(DiskRoot, 2, hoursAgo => 50 - hoursAgo);
        Minutely(DiskData, 2, hoursAgo => 90 - (2 * hoursAgo));
        Minutely(Cpu, 2, _ => 30);

        var forecasts = await Analyzer().GetCapacityAsync();

        Assert.Equal([DiskData, DiskRoot, Cpu], forecasts.Select(f => f.Series));
        Assert.Equal(CapacityOutlook.Never, forecasts[2].Outlook);
    }

    [Fact]
    public async Task GetTrendAsync_LinearSeries_SlopeAndPercentChangePerWindow()
    {
        // Grows 2 per hour: 100 a day ago, 148 now.
        Minutely(Cpu, 24, hoursAgo => 148 - (2 * hoursAgo));

        var trends = await Analyzer().GetTrendsAsync([Cpu], [TimeSpan.FromHours(1), TimeSpan.FromHours(24)]);

        Assert.Equal(2, trends[0].SlopePerHour, 6);
        Assert.Equal(100 * 2 / 146.0, trends[0].PercentChange, 4);
        Assert.Equal(60, trends[0].Points);
        Assert.Equal(48, trends[1].PercentChange, 4);
        Assert.Equal(148, trends[1].End, 4);
    }

    [Fact]
    public async Task GetTrendAsync_SevenDays_ReadsHourlyBuckets()
    {
        for (var hour = 7 * 24; hour >= 1; hour--)
        {
            _history.AddSample(Cpu, Now.AddHours(-hour).AddMinutes(30), 10 + (7 * 24) - hour);
        }

        var trend = await Analyzer().GetTrendAsync(Cpu, TimeSpan.FromDays(7));

        Assert.Equal(7 * 24, trend.Points);
        Assert.Equal(1, trend.SlopePerHour, 6);
    }

    [Fact]
    public async Task GetTrendAsync_NoHistory_NaNFigures()
    {
        var trend = await Analyzer().GetTrendAsync(Cpu, TimeSpan.FromHours(1));

        Assert.Equal(0, trend.Points);
        Assert.True(double.IsNaN(trend.SlopePerHour));
    }

    [Fact]
    public async Task GetBaselineDeviationAsync_WeeklyPattern_ZScoreAgainstTheCurrentHourOfWeek()
    {
        // Three past weeks at this hour of the week: 40, 50, 60 (mean 50, stddev 10); elsewhere 500.
        for (var week = 1; week <= 3; week++)
        {
            for (var hour = 0; hour < 168; hour++)
            {
                var at = Now.AddDays(-7 * week).AddHours(hour).AddMinutes(10);
                _history.AddSample(Cpu, at, hour == 0 ? 30 + (10 * week) : 500);
            }
        }

        _history.AddSample(Cpu, Now.AddSeconds(-20), 75);

        var deviation = await Analyzer().GetBaselineDeviationAsync(Cpu);

        Assert.NotNull(deviation);
        Assert.Equal(HourOfWeek.Of(Now), deviation.Baseline.Hour);
        Assert.Equal((3, 50.0), (deviation.Baseline.Weeks, deviation.Baseline.Mean));
        Assert.Equal(10, deviation.Baseline.StdDev, 9);
        Assert.Equal(2.5, deviation.ZScore, 9);
    }

    [Fact]
    public async Task GetReportAsync_HistoryFails_ListsProblemsAndKeepsLiveQueryPerformance()
    {
        var db = new DatabaseMetrics(new DatabaseMetricsOptions { Name = "trading" }, _scheduler.AsTimeProvider());
        db.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(3), success: true);
        _history.FailWith = "store 'x.db' is not a SQLite database";

        var report = await Analyzer(null, db).GetReportAsync();

        Assert.Single(report.QueryPerformance.Statements);
        Assert.Contains("bottlenecks: store 'x.db' is not a SQLite database", report.Problems);
        Assert.Contains("capacity: store 'x.db' is not a SQLite database", report.Problems);
        Assert.Empty(report.Bottlenecks);
    }

    [Fact]
    public async Task GetReportAsync_NoHistory_LiveQueryPerformanceOnly()
    {
        var report = await new PerformanceAnalyzer(null, [], _scheduler.AsTimeProvider()).GetReportAsync();

        Assert.Equal(Now, report.Timestamp);
        Assert.Empty(report.Bottlenecks);
        Assert.Empty(report.Capacity);
        Assert.Empty(report.Problems);
    }

    [Fact]
    public async Task ForecastAsync_NoHistory_Throws() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new PerformanceAnalyzer(null, [], _scheduler.AsTimeProvider()).ForecastAsync("disk", DiskRoot, 100));

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var options = new PerformanceAnalyzerOptions
        {
            TopSlowest = 0,
            BaselineWeeks = 1,
            Freshness = TimeSpan.Zero,
            Resources = [new ResourceDefinition("x", SeriesSelector.Parse("{job=\"a\"}"), 0)],
        };

        var e = Assert.Throws<ConfigurationException>(() => new PerformanceAnalyzer(null, [], _scheduler.AsTimeProvider(), options));

        Assert.Equal(
            [
                "invalid configuration (5 problems):",
                "PerformanceAnalyzerOptions:TopSlowest: must be at least 1, was 0.",
                "PerformanceAnalyzerOptions:Resources:0:Selector: must name a metric.",
                "PerformanceAnalyzerOptions:Resources:0:Limit: must be a positive number, was 0.",
                "PerformanceAnalyzerOptions:Freshness: must be positive, was 00:00:00.",
                "PerformanceAnalyzerOptions:BaselineWeeks: must be at least 2, a spread needs two weeks, was 1.",
            ],
            e.Message.Split(Environment.NewLine));
    }
}
