using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.History;

/// <summary>The alert manager restarted over the same SQLite file (issue 7's restart-recovery proof).</summary>
public sealed class AlertManagerRestartTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LabelSet Labels = LabelSet.Create(new Label("alertname", "CpuHigh"), new Label("instance", "db-1"));
    private static readonly SinkDeliveryOptions TwoAttempts = new() { MaxRetries = 1, BaseDelay = "1s", MaxDelay = "1s", Timeout = "5s", BreakerFailureThreshold = 100 };
    private readonly TempDirectory _directory = new();
    private readonly TestScheduler _scheduler = new();

    public AlertManagerRestartTests() => _scheduler.AdvanceTo(Start.UtcTicks);

    [Fact]
    public async Task Restart_FiringAlertAlreadyNotified_NotNotifiedAgainBeforeRepeat()
    {
        await FireAndNotifyThenStopAsync();

        await using var store = OpenStore();
        await using (var manager = NewManager(store))
        {
            Assert.Equal(1, await manager.RestoreAsync());
            _scheduler.AdvanceBy(TimeSpan.FromMinutes(30).Ticks);
            Assert.Equal(AlertState.Firing, Assert.Single(manager.GetActiveAlerts()).State);
        }

        await store.FlushAsync();
        Assert.Single(await store.AlertHistory.QueryNotificationsAsync(AlertHistoryQuery.All));
    }

    [Fact]
    public async Task Restart_ResolvedAfterRestart_ResolutionNotified()
    {
        await FireAndNotifyThenStopAsync();

        await using var store = OpenStore();
        await using (var manager = NewManager(store))
        {
            await manager.RestoreAsync();
            manager.Process(Event(AlertState.Resolved));
            _scheduler.AdvanceBy(TimeSpan.FromMinutes(2).Ticks);
        }

        await store.FlushAsync();
        var notifications = await store.AlertHistory.QueryNotificationsAsync(AlertHistoryQuery.All);
        Assert.Equal(2, notifications.Count);
        Assert.Equal(AlertState.Resolved, notifications[^1].Status);
    }

    [Fact]
    public async Task Restart_ResolvedBeforeRestartButNotYetNotified_ResolutionNotifiedAfterRestart()
    {
        await FireAndNotifyThenStopAsync();
        await using (var store = OpenStore())
        {
            await using (var manager = NewManager(store))
            {
                await manager.RestoreAsync();
                manager.Process(Event(AlertState.Resolved));
            }

            await store.FlushAsync();
        }

        await using var restarted = OpenStore();
        await using (var manager = NewManager(restarted))
        {
            Assert.Equal(1, await manager.RestoreAsync());
            _scheduler.AdvanceBy(TimeSpan.FromMinutes(2).Ticks);
        }

        await restarted.FlushAsync();
        var notifications = await restarted.AlertHistory.QueryNotificationsAsync(AlertHistoryQuery.All);
        Assert.Equal(2, notifications.Count);
        Assert.Equal(AlertState.Resolved, notifications[^1].Status);
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_FlappingNoticeAfterGroupNotification_LogKeepsTheGroupNotification()
    {
        await FireAndNotifyThenStopAsync();
        await using var store = OpenStore();
        var group = Assert.Single(await store.AlertHistory.QueryNotificationsAsync(AlertHistoryQuery.All));
        store.AlertHistory.RecordNotification(group with { Id = Guid.NewGuid(), Kind = NotificationKind.FlappingStarted, Timestamp = group.Timestamp.AddMinutes(1) });
        await store.FlushAsync();

        var state = await store.AlertHistory.LoadRecoveryStateAsync(_scheduler.Now);

        Assert.Equal(group.Id, Assert.Single(state.NotificationLog).Id);
    }

    [Fact]
    public async Task Restart_SinkLostWhatTheOtherSinkAccepted_GetsItAtTheNextGroupFlush()
    {
        await AcceptedByOneSinkLostByTheOtherThenStopAsync();

        await using var store = OpenStore();
        await using var manager = await RestartedWithBothSinksAsync(store);
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(11).Ticks);

        Assert.Equal(("b", 1L), (manager.GetSinkStatistics()[1].Sink, manager.GetSinkStatistics()[1].Enqueued));
    }

    [Fact]
    public async Task Restart_SinkThatAcceptedIt_NotNotifiedAgainBeforeRepeat()
    {
        await AcceptedByOneSinkLostByTheOtherThenStopAsync();

        await using var store = OpenStore();
        await using var manager = await RestartedWithBothSinksAsync(store);
        _scheduler.AdvanceBy(TimeSpan.FromMinutes(30).Ticks);

        Assert.Equal(("a", 0L), (manager.GetSinkStatistics()[0].Sink, manager.GetSinkStatistics()[0].Enqueued));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>Sink <c>a</c> accepts the firing notification, sink <c>b</c> fails every attempt; the deliveries are committed, then the manager and the store stop.</summary>
    private async Task AcceptedByOneSinkLostByTheOtherThenStopAsync()
    {
        await using var store = OpenStore();
        await using (var manager = NewManager(store))
        {
            manager.AddSink(new OutageSink("a") { Down = false }, "default", TwoAttempts);
            manager.AddSink(new OutageSink("b"), "default", TwoAttempts);
            manager.Process(Event(AlertState.Firing));
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (!(manager.GetSinkStatistics()[1].Failed >= 1 && await DeliveriesCommittedAsync(store) == 1))
            {
                // The sinks answer on their own consumer threads; their retries wait on the virtual clock.
                bound.Token.ThrowIfCancellationRequested();
                _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
                await Task.Delay(5, CancellationToken.None);
            }
        }

        await store.FlushAsync();
    }

    private static async Task<int> DeliveriesCommittedAsync(SqliteStore store)
    {
        await store.FlushAsync();
        return (await store.AlertHistory.QueryDeliveriesAsync()).Count;
    }

    private async Task<AlertManager> RestartedWithBothSinksAsync(SqliteStore store)
    {
        var manager = NewManager(store);
        manager.AddSink(new OutageSink("a") { Down = false }, "default", TwoAttempts);
        manager.AddSink(new OutageSink("b") { Down = false }, "default", TwoAttempts);
        await manager.RestoreAsync();
        return manager;
    }

    private async Task FireAndNotifyThenStopAsync()
    {
        await using var store = OpenStore();
        await using (var manager = NewManager(store))
        {
            manager.Process(Event(AlertState.Firing));
            _scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);
        }

        await store.FlushAsync();
        Assert.Single(await store.AlertHistory.QueryNotificationsAsync(AlertHistoryQuery.All));
    }

    private SqliteStore OpenStore() => StoreFactory.Open(_directory.File("alerts.db"), _scheduler.AsTimeProvider());

    private AlertManager NewManager(SqliteStore store) => new(
        new AlertingOptions
        {
            Route = new RouteOptions { GroupWait = "10s", GroupInterval = "1m", RepeatInterval = "1h", GroupBy = ["alertname"] },
            Flapping = new FlappingOptions { Enabled = false },
        },
        _scheduler,
        store.AlertHistory);

    private AlertEvent Event(AlertState state) => new()
    {
        RuleName = "CpuHigh",
        State = state,
        Severity = Severity.Critical,
        Labels = Labels,
        Timestamp = _scheduler.Now,
        ActiveAt = _scheduler.Now,
        Value = 97,
    };
}
