using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Data.Sqlite;
using static AlphaTrade.RxMonitor.Sqlite.Tests.Support.TestAlerts;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Writing;

public sealed class StoreWriterTests : IDisposable
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu_usage_percent", new Label("host", "a"));
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task TryWrite_RowsOfOneBucketOutOfKeyOrder_MergedWithTheLaterRowsLast()
    {
        await using var store = StoreFactory.Open(_directory.File("store.db"));
        var other = SeriesKey.Create("cpu_usage_percent", new Label("host", "b"));
        var bucket = T0.ToUnixTimeSeconds();

        store.TryWrite(StoreWrite.Rollup(Cpu, RollupResolution.OneMinute, bucket + 60, 1, 9, 9, 9, 9));
        store.TryWrite(StoreWrite.Rollup(other, RollupResolution.OneMinute, bucket, 1, 5, 5, 5, 5));
        store.TryWrite(StoreWrite.Rollup(Cpu, RollupResolution.OneMinute, bucket, 2, 10, 4, 6, 6));
        store.TryWrite(StoreWrite.Rollup(Cpu, RollupResolution.OneMinute, bucket, 1, 1, 1, 1, 1));
        await store.FlushAsync();

        Assert.Equal(
            [new RollupPoint(T0, 3, 11, 1, 6, 1), new RollupPoint(T0.AddMinutes(1), 1, 9, 9, 9, 9)],
            await store.QueryRangeAsync(Cpu, RollupResolution.OneMinute, T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task RecordTransition_SeveralChangesOfOneAlert_CurrentRowIsTheLastAndEveryTransitionKept()
    {
        await using var store = StoreFactory.Open(_directory.File("store.db"));
        var pending = Alert("CpuHigh", AlertState.Pending, Severity.Warning, T0);
        var firing = pending with { State = AlertState.Firing, UpdatedAt = T0.AddMinutes(1) };
        var escalated = firing with { Severity = Severity.Critical, UpdatedAt = T0.AddMinutes(2) };

        foreach (var alert in new[] { pending, firing, escalated })
        {
            store.AlertHistory.RecordTransition(Transition(alert));
        }

        await store.FlushAsync();
        var current = Assert.Single((await store.AlertHistory.LoadRecoveryStateAsync()).Alerts);

        Assert.Equal(AlertState.Firing, current.State);
        Assert.Equal(Severity.Critical, current.Severity);
        Assert.Equal(3, (await store.AlertHistory.QueryTransitionsAsync(AlertHistoryQuery.All)).Count);
        Assert.Equal(3, store.Statistics.LastTransitionId);
    }

    [Fact]
    public async Task RecordTransition_ManyInOneBatch_EveryOneKeptInOrderAndEachAlertRowIsItsLast()
    {
        // 37 transitions: two 16-row statements and five single rows, of three alerts.
        var options = StoreFactory.Options(_directory.File("store.db"));
        options.BatchDelay = TimeSpan.FromHours(1);
        await using var store = SqliteStore.Open(options, new Microsoft.Reactive.Testing.TestScheduler().AsTimeProvider());
        for (var i = 0; i < 37; i++)
        {
            var alert = Alert("Rule" + (i % 3), AlertState.Firing, Severity.Warning, T0) with { Value = i, UpdatedAt = T0.AddSeconds(i) };
            store.AlertHistory.RecordTransition(Transition(alert));
        }

        await store.FlushAsync();

        var transitions = await store.AlertHistory.QueryTransitionsAsync(AlertHistoryQuery.All with { Limit = 100 });
        Assert.Equal(Enumerable.Range(0, 37).Select(static i => (double)i), transitions.Select(static t => t.Alert.Value));
        Assert.Equal(37, store.Statistics.LastTransitionId);
        Assert.Equal(1, store.Statistics.Batches);
        var alerts = (await store.AlertHistory.LoadRecoveryStateAsync()).Alerts.OrderBy(static a => a.RuleName);
        Assert.Equal([36.0, 34, 35], alerts.Select(static a => a.Value));
        Assert.Equal(37 + 35 + 36, StoreSql.Scalar(store.Path, "SELECT sum(last_transition_id) FROM alerts"));
        Assert.Equal(1, StoreSql.Scalar(store.Path, "SELECT count(*) FROM alerts WHERE rule = 'Rule0' AND last_transition_id = 37"));
    }

    [Fact]
    public async Task OnBatchCommitted_Throws_ReportedAndBatchStaysCommitted()
    {
        var listener = new CollectingFailureListener();
        var options = StoreFactory.Options(_directory.File("store.db"));
        options.OnBatchCommitted = _ => throw new InvalidOperationException("callback bug");
        await using var store = SqliteStore.Open(options, failureListener: listener);

        store.AlertHistory.RecordTransition(Transition(Alert("CpuHigh", AlertState.Firing, Severity.Warning, T0)));
        await store.FlushAsync();

        Assert.Single(await store.AlertHistory.QueryTransitionsAsync(AlertHistoryQuery.All));
        Assert.Equal("callback bug", Assert.Single(listener.Failures).Exception?.Message);
    }

    [Fact]
    public async Task TryWrite_BatchThatAddedSeriesFailed_TheirRowsAreWrittenAgainWhenSpaceReturns()
    {
        SqliteConnection? writer = null;
        var options = StoreFactory.Options(_directory.File("full.db"));
        options.ConfigureWriteConnection = connection =>
        {
            writer = connection;
            StoreSql.Scalar(connection, "PRAGMA max_page_count = " + StoreSql.Scalar(connection, "PRAGMA page_count"));
        };
        await using var store = SqliteStore.Open(options);
        var wide = new string('x', 2_000);
        var series = Enumerable.Range(0, 200).Select(i => SeriesKey.Create("cpu_usage_percent", new Label("host", $"{i}{wide}"))).ToList();
        var bucket = T0.ToUnixTimeSeconds();
        foreach (var key in series)
        {
            store.TryWrite(StoreWrite.Rollup(key, RollupResolution.OneMinute, bucket, 1, 1, 1, 1, 1));
        }

        await store.FlushAsync();
        Assert.Equal(200, store.Statistics.DroppedWriteFailed);

        StoreSql.Scalar(writer!, "PRAGMA max_page_count = 1000000");
        store.TryWrite(StoreWrite.Rollup(series[0], RollupResolution.OneMinute, bucket, 1, 2, 2, 2, 2));
        await store.FlushAsync();

        Assert.Equal([new RollupPoint(T0, 1, 2, 2, 2, 2)], await store.QueryRangeAsync(series[0], RollupResolution.OneMinute, T0, T0.AddHours(1)));
        Assert.Equal([series[0]], await store.QuerySeriesAsync());
    }

    public void Dispose() => _directory.Dispose();
}
