using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Sqlite.Writing;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;
using static AlphaTrade.RxMonitor.Sqlite.Tests.Support.TestAlerts;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Maintenance;

public sealed class RetentionTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu_usage_percent", new Label("host", "a"));
    private readonly TempDirectory _directory = new();
    private readonly TestScheduler _scheduler = new();

    public RetentionTests() => _scheduler.AdvanceTo(Now.UtcTicks);

    [Fact]
    public async Task RunMaintenanceAsync_RollupsOlderThanTheirResolutionsRetention_Deleted()
    {
        await using var store = Open(StoreFactory.Options(_directory.File("retention.db")));
        foreach (var resolution in Enum.GetValues<RollupResolution>())
        {
            WriteRollup(store, resolution, Now.AddDays(-3));
            WriteRollup(store, resolution, Now.AddHours(-2));
        }

        await store.FlushAsync();
        await store.RunMaintenanceAsync();

        Assert.Single(await store.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, Now.AddDays(-10), Now));
        Assert.Equal(2, (await store.QueryRangeAsync(Cpu, RollupResolution.OneMinute, Now.AddDays(-10), Now)).Count);
        Assert.Equal(2, (await store.QueryRangeAsync(Cpu, RollupResolution.OneHour, Now.AddDays(-10), Now)).Count);
    }

    [Fact]
    public async Task RunMaintenanceAsync_AlertHistoryOlderThanRetention_DeletedButActiveAlertKept()
    {
        await using var store = Open(StoreFactory.Options(_directory.File("history.db")));
        var old = Now.AddDays(-100);
        store.AlertHistory.RecordTransition(Transition(Alert("StillFiring", AlertState.Firing, Severity.Error, old)));
        store.AlertHistory.RecordTransition(Transition(Alert("Recent", AlertState.Firing, Severity.Error, Now.AddDays(-1))));
        store.AlertHistory.RecordNotification(Notification("pager", "g", old, Alert("StillFiring", AlertState.Firing, Severity.Error, old)));
        await store.FlushAsync();

        await store.RunMaintenanceAsync();

        Assert.Equal("Recent", Assert.Single(await store.AlertHistory.QueryTransitionsAsync(AlertHistoryQuery.All)).Alert.RuleName);
        Assert.Empty(await store.AlertHistory.QueryNotificationsAsync(AlertHistoryQuery.All));
        Assert.Contains((await store.AlertHistory.LoadRecoveryStateAsync()).Alerts, static a => a.RuleName == "StillFiring");
    }

    [Fact]
    public async Task RunMaintenanceAsync_NotificationOlderThanRetention_ItsDeliveriesAreDeletedWithIt()
    {
        await using var store = Open(StoreFactory.Options(_directory.File("deliveries.db")));
        var old = Now.AddDays(-100);
        var expired = Notification("pager", "g", old, Alert("Old", AlertState.Firing, Severity.Error, old));
        var recent = Notification("pager", "g", Now.AddDays(-1), Alert("Old", AlertState.Firing, Severity.Error, old));
        store.AlertHistory.RecordNotification(expired);
        store.AlertHistory.RecordDelivery(new NotificationDelivery(expired.Id, "a", old));
        store.AlertHistory.RecordDelivery(new NotificationDelivery(expired.Id, "b", Now.AddDays(-1)));
        store.AlertHistory.RecordDelivery(new NotificationDelivery(Guid.NewGuid(), "a", old));
        store.AlertHistory.RecordNotification(recent);
        store.AlertHistory.RecordDelivery(new NotificationDelivery(recent.Id, "a", Now.AddDays(-1)));
        await store.FlushAsync();

        await store.RunMaintenanceAsync();

        Assert.Equal((recent.Id, "a"), Assert.Single((await store.AlertHistory.QueryDeliveriesAsync()).Select(static d => (d.NotificationId, d.Sink))));
    }

    [Fact]
    public async Task MaintenanceTimer_IntervalElapses_EnforcesRetention()
    {
        var options = StoreFactory.Options(_directory.File("timer.db"));
        options.MaintenanceInterval = TimeSpan.FromMinutes(5);
        await using var store = Open(options);
        WriteRollup(store, RollupResolution.TenSeconds, Now.AddDays(-3));
        await store.FlushAsync();

        _scheduler.AdvanceBy(TimeSpan.FromMinutes(5).Ticks);
        await store.GetUsedBytesAsync();

        Assert.Empty(await store.QueryRangeAsync(Cpu, RollupResolution.TenSeconds, Now.AddDays(-10), Now));
    }

    [Fact]
    public async Task RunMaintenanceAsync_OverMaximumSize_DeletesOldestFinestFirstAndShrinksFile()
    {
        var options = StoreFactory.Options(_directory.File("size.db"));
        options.QueueCapacity = 200_000;
        await using var store = Open(options);
        for (var series = 0; series < 50; series++)
        {
            var key = SeriesKey.Create("latency_seconds", new Label("venue", "v" + series));
            for (var bucket = 0; bucket < 2000; bucket++)
            {
                store.TryWrite(StoreWrite.Rollup(key, RollupResolution.TenSeconds, Now.AddSeconds(-10 * (2000 - bucket)).ToUnixTimeSeconds(), 1, 0.5, 0.5, 0.5, 0.5));
            }

            store.TryWrite(StoreWrite.Rollup(key, RollupResolution.OneHour, Now.AddHours(-1).ToUnixTimeSeconds(), 360, 1, 0, 1, 1));
        }

        await store.FlushAsync();

        // Segments are compact enough that this fits in the WAL: a first run (no limit) checkpoints it into the file.
        await store.RunMaintenanceAsync();
        var fileBefore = new FileInfo(store.Path).Length;
        var usedBefore = await store.GetUsedBytesAsync();
        store.Options.MaxDatabaseBytes = usedBefore / 3;

        await store.RunMaintenanceAsync();

        var usedAfter = await store.GetUsedBytesAsync();
        Assert.True(usedAfter <= usedBefore / 3, $"{usedBefore} -> {usedAfter}");
        Assert.True(new FileInfo(store.Path).Length < fileBefore);
        var v0 = SeriesKey.Create("latency_seconds", new Label("venue", "v0"));
        var kept = await store.QueryRangeAsync(v0, RollupResolution.TenSeconds, Now.AddDays(-1), Now);
        Assert.NotEmpty(kept);
        Assert.Equal(Now.AddSeconds(-10), kept[^1].Start);
        Assert.Single(await store.QueryRangeAsync(v0, RollupResolution.OneHour, Now.AddDays(-1), Now));
    }

    public void Dispose() => _directory.Dispose();

    private SqliteStore Open(SqliteStoreOptions options) => SqliteStore.Open(options, _scheduler.AsTimeProvider());

    private static void WriteRollup(SqliteStore store, RollupResolution resolution, DateTimeOffset start) =>
        Assert.True(store.TryWrite(StoreWrite.Rollup(Cpu, resolution, start.ToUnixTimeSeconds(), 1, 1, 1, 1, 1)));
}
