using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Sources.Database;

public sealed class DatabaseMetricsTests
{
    private readonly TestScheduler _scheduler = new();

    private DatabaseMetrics Create(Action<DatabaseMetricsOptions>? configure = null)
    {
        var options = new DatabaseMetricsOptions { Name = "trading", MaxPoolSize = 10 };
        configure?.Invoke(options);
        return new DatabaseMetrics(options, _scheduler.AsTimeProvider());
    }

    private CollectingObserver Poll(DatabaseMetrics metrics)
    {
        var observer = new CollectingObserver();
        metrics.Poll(_scheduler.Now.UtcTicks, observer);
        return observer;
    }

    [Fact]
    public void Poll_Commands_ReportsTotalsAverageAndQuantiles()
    {
        var metrics = Create();
        metrics.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(100), success: true);
        metrics.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(300), success: false);
        metrics.RecordCommand("DELETE FROM t", TimeSpan.FromMilliseconds(200), success: true, rows: 7);

        var observer = Poll(metrics);

        Assert.Equal(3, observer.Value(DatabaseMetricNames.QueriesTotal, ("db", "trading")));
        Assert.Equal(1, observer.Value(DatabaseMetricNames.QueryFailuresTotal));
        Assert.Equal(7, observer.Value(DatabaseMetricNames.RowsTotal));
        Assert.Equal(0.2, observer.Value(DatabaseMetricNames.QueryDurationAverageSeconds), 12);
        // The quantile comes from a DDSketch: within 1 % of the duration of rank ⌊0.5·(3 − 1)⌋, the middle one.
        Assert.InRange(observer.Value(DatabaseMetricNames.QueryDurationSeconds, ("quantile", "0.5")), 0.2 * 0.99, 0.2 * 1.01);
    }

    [Fact]
    public void Poll_StatementsDifferingOnlyInLiterals_GroupUnderOneStatement()
    {
        var metrics = Create();
        metrics.RecordCommand("SELECT * FROM orders WHERE id = 1", TimeSpan.FromSeconds(1), success: true);
        metrics.RecordCommand("SELECT * FROM orders WHERE id = 2", TimeSpan.FromSeconds(3), success: false);

        var observer = Poll(metrics);

        var statement = ("statement", "SELECT * FROM orders WHERE id = ?");
        Assert.Equal(2, observer.Value(DatabaseMetricNames.StatementCallsTotal, statement));
        Assert.Equal(1, observer.Value(DatabaseMetricNames.StatementFailuresTotal, statement));
        Assert.Equal(4, observer.Value(DatabaseMetricNames.StatementDurationSecondsTotal, statement));
    }

    [Fact]
    public void Poll_MoreStatementsThanAllowed_CountsTheRestAsOther()
    {
        var metrics = Create(o => o.MaxStatements = 2);
        metrics.RecordCommand("SELECT a FROM t", TimeSpan.Zero, true);
        metrics.RecordCommand("SELECT b FROM t", TimeSpan.Zero, true);
        metrics.RecordCommand("SELECT c FROM t", TimeSpan.Zero, true);
        metrics.RecordCommand("SELECT d FROM t", TimeSpan.Zero, true);

        var observer = Poll(metrics);

        Assert.Equal(2, observer.Value(DatabaseMetricNames.StatementCallsTotal, ("statement", "other")));
        Assert.Equal(3, observer.Samples.Count(s => s.Key.Name == DatabaseMetricNames.StatementCallsTotal));
    }

    [Fact]
    public void Poll_NoCommandsSincePreviousPoll_OmitsIntervalFigures()
    {
        var metrics = Create();
        metrics.RecordCommand("SELECT 1", TimeSpan.FromSeconds(1), true);
        Poll(metrics);

        var observer = Poll(metrics);

        Assert.Null(observer.Find(DatabaseMetricNames.QueryDurationAverageSeconds));
        Assert.Equal(1, observer.Value(DatabaseMetricNames.QueriesTotal));
    }

    [Fact]
    public void GetPoolUsage_ConnectionsOpenedAndClosed_DerivesInUseAndIdle()
    {
        var metrics = Create();
        for (var i = 0; i < 8; i++)
        {
            metrics.ConnectionOpened();
        }

        for (var i = 0; i < 3; i++)
        {
            metrics.ConnectionClosed();
        }

        var pool = metrics.GetPoolUsage();

        Assert.Equal(new ConnectionPoolUsage(5, 3, 10), pool);
        Assert.Equal(50, Poll(metrics).Value(DatabaseMetricNames.PoolUsagePercent));
    }

    [Fact]
    public void GetPoolUsage_ExactFiguresSupplied_UsesThem()
    {
        var metrics = Create(o => o.PoolUsage = () => new ConnectionPoolUsage(9, 1, 10));

        var observer = Poll(metrics);

        Assert.Equal(90, observer.Value(DatabaseMetricNames.PoolUsagePercent));
        Assert.Equal(1, observer.Value(DatabaseMetricNames.PoolConnections, ("state", "idle")));
    }

    [Fact]
    public void GetSnapshot_FailuresOlderThanFiveMinutes_AreNotRecent()
    {
        var metrics = Create();
        metrics.RecordCommand("SELECT 1", TimeSpan.FromSeconds(2), success: false);
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(6).Ticks);
        metrics.RecordCommand("SELECT 1", TimeSpan.FromSeconds(4), success: false);

        var snapshot = metrics.GetSnapshot();

        Assert.Equal(2, snapshot.FailuresTotal);
        Assert.Equal(1, snapshot.RecentFailures);
        Assert.Equal(4, snapshot.RecentAverageQuerySeconds);
    }

    [Fact]
    public void Poll_RecentWindow_ReportsFailuresAndMeanOfLastFiveMinutes()
    {
        var metrics = Create();
        metrics.RecordCommand("SELECT 1", TimeSpan.FromSeconds(9), success: false);
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(6).Ticks);
        metrics.RecordCommand("SELECT 1", TimeSpan.FromSeconds(1), success: false);
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(2).Ticks);
        metrics.RecordCommand("SELECT 1", TimeSpan.FromSeconds(3), success: true);

        var observer = Poll(metrics);

        Assert.Equal(1, observer.Value(DatabaseMetricNames.QueryFailuresRecent));
        Assert.Equal(2, observer.Value(DatabaseMetricNames.QueryDurationRecentAverageSeconds));
    }

    [Fact]
    public void Poll_LockContention_CountsOccurrencesAndWait()
    {
        var metrics = Create();
        metrics.RecordLockContention(TimeSpan.FromMilliseconds(250));
        metrics.RecordLockContention(TimeSpan.FromMilliseconds(750));

        var observer = Poll(metrics);

        Assert.Equal(2, observer.Value(DatabaseMetricNames.LockContentionsTotal));
        Assert.Equal(1, observer.Value(DatabaseMetricNames.LockWaitSecondsTotal), 12);
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            new DatabaseMetrics(new DatabaseMetricsOptions { MaxPoolSize = 0 }, TimeProvider.System));

        Assert.Contains("DatabaseMetricsOptions:Name: is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("DatabaseMetricsOptions:MaxPoolSize: must be at least 1", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void GetStatementStatistics_RecordedCommands_FiguresPerNormalizedStatement()
    {
        var metrics = Create();
        metrics.RecordCommand("UPDATE t SET a = 1", TimeSpan.FromMilliseconds(10), success: true, rows: 1);
        metrics.RecordCommand("UPDATE t SET a = 2", TimeSpan.FromMilliseconds(30), success: false);
        metrics.RecordCommand("SELECT 1", TimeSpan.FromMilliseconds(5), success: true);

        var statistics = metrics.GetStatementStatistics();

        Assert.Equal(["UPDATE t SET a = ?", "SELECT ?"], statistics.Select(s => s.Statement));
        var update = statistics[0];
        Assert.Equal(("trading", 2L, 1L), (update.Database, update.Calls, update.Failures));
        Assert.Equal(0.04, update.TotalSeconds, 9);
        Assert.Equal(0.02, update.MeanSeconds, 9);
        Assert.Equal(0.03, update.MaxSeconds, 9);
        Assert.Equal(0.01, update.P50Seconds, 0.0002);
    }
    [Fact]
    public void RecordCommand_SeenStatementAfterWarmUp_AllocatesNothingWithItsDurationSketch()
    {
        var metrics = Create();
        void Record(int count)
        {
            for (var i = 0; i < count; i++)
            {
                // Durations from 10 µs to 10 s, so the statement's sketch has grown to that range in the warm-up.
                metrics.RecordCommand("SELECT 1", TimeSpan.FromTicks(100L << (i % 17)), success: i % 7 != 0);
            }
        }

        Record(10_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Record(100_000);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Less than one byte per 100 calls: a one-time runtime allocation (tiered JIT) is not a per-call cost.
        Assert.True(allocated < 1024, $"{allocated} bytes for 100k calls");
    }
}
