using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;
using static AlphaTrade.RxMonitor.Sqlite.Tests.Support.TestAlerts;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.History;

public sealed class RestartRecoveryTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TestScheduler _scheduler = new();

    [Fact]
    public async Task LoadRecoveryStateAsync_AfterRestart_RestoresActiveAlertsLiveSilencesAndNotificationLog()
    {
        var path = _directory.File("restart.db");
        var firing = Alert("CpuHigh", AlertState.Firing, Severity.Critical, T0, new Label("instance", "db-1"));
        var pending = Alert("DiskFull", AlertState.Pending, Severity.Warning, T0, new Label("instance", "db-2"));
        var resolvedAndNotified = Alert("Old", AlertState.Resolved, Severity.Info, T0);
        var sent = Notification("pager", "{}/{alertname=\"CpuHigh\"}", T0.AddSeconds(30), firing);
        await using (var store = StoreFactory.Open(path, _scheduler.AsTimeProvider()))
        {
            foreach (var alert in new[] { pending, firing, resolvedAndNotified })
            {
                store.AlertHistory.RecordTransition(Transition(alert));
            }

            store.AlertHistory.RecordNotification(Notification("pager", "{}/{alertname=\"CpuHigh\"}", T0, firing));
            store.AlertHistory.RecordNotification(sent);
            store.AlertHistory.RecordSilence(Silence("live", T0, T0.AddHours(2), T0));
            store.AlertHistory.RecordSilence(Silence("ended", T0, T0.AddMinutes(30), T0));
        }

        _scheduler.AdvanceTo(T0.AddHours(1).UtcTicks);
        await using var restarted = StoreFactory.Open(path, _scheduler.AsTimeProvider());
        var state = await restarted.AlertHistory.LoadRecoveryStateAsync();

        Assert.Equal(new[] { firing.Fingerprint, pending.Fingerprint }.Order(), state.Alerts.Select(static a => a.Fingerprint).Order());
        Assert.Equal(AlertState.Firing, state.Alerts.Single(a => a.Fingerprint == firing.Fingerprint).State);
        Assert.Equal("live", Assert.Single(state.Silences).Id);
        var last = Assert.Single(state.NotificationLog);
        Assert.Equal(sent.Id, last.Id);
        Assert.Equal(sent.Timestamp, last.Timestamp);
        Assert.Equal(T0.AddHours(1), state.LoadedAt);
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_Deliveries_EachSinksLatestAcceptedNotificationAgreesWithTheInMemoryHistory()
    {
        var path = _directory.File("deliveries.db");
        var firing = Alert("CpuHigh", AlertState.Firing, Severity.Critical, T0);
        var resolved = firing with { State = AlertState.Resolved, EndsAt = T0.AddMinutes(5), UpdatedAt = T0.AddMinutes(5) };
        var first = Notification("pager", "g", T0, firing);
        var second = Notification("pager", "g", T0.AddMinutes(5), resolved);
        var reference = new InMemoryAlertHistory();
        await using (var store = StoreFactory.Open(path))
        {
            foreach (var history in new IAlertHistory[] { store.AlertHistory, reference })
            {
                history.RecordTransition(Transition(firing));
                history.RecordNotification(first);
                history.RecordDelivery(new NotificationDelivery(first.Id, "webhook:pager", T0));
                history.RecordDelivery(new NotificationDelivery(first.Id, "webhook:pager#2", T0.AddSeconds(3)));
                history.RecordTransition(Transition(resolved));
                history.RecordNotification(second);
                history.RecordDelivery(new NotificationDelivery(second.Id, "webhook:pager", T0.AddMinutes(5)));
                history.RecordDelivery(new NotificationDelivery(Guid.NewGuid(), "webhook:pager", T0.AddMinutes(6)));
            }
        }

        await using var restarted = StoreFactory.Open(path);
        var state = await restarted.AlertHistory.LoadRecoveryStateAsync(T0.AddHours(1));
        var expected = await reference.LoadRecoveryStateAsync(T0.AddHours(1));

        Assert.Equal([("webhook:pager#2", first.Id), ("webhook:pager", second.Id)], state.SinkLog.Select(static d => (d.Sink, d.Notification.Id)));
        Assert.Equal(expected.SinkLog.Select(static d => (d.Sink, d.Notification.Id)), state.SinkLog.Select(static d => (d.Sink, d.Notification.Id)));
        Assert.Equal(AlertState.Resolved, Assert.Single(state.Alerts).State);
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_ResolvedAfterLastFiringNotification_IncludesOwedResolution()
    {
        var path = _directory.File("owed.db");
        var firing = Alert("CpuHigh", AlertState.Firing, Severity.Critical, T0);
        var resolved = firing with { State = AlertState.Resolved, EndsAt = T0.AddMinutes(5), UpdatedAt = T0.AddMinutes(5) };
        await using (var store = StoreFactory.Open(path))
        {
            store.AlertHistory.RecordTransition(Transition(firing));
            store.AlertHistory.RecordNotification(Notification("pager", "g", T0, firing));
            store.AlertHistory.RecordTransition(Transition(resolved));
        }

        await using var restarted = StoreFactory.Open(path);
        var state = await restarted.AlertHistory.LoadRecoveryStateAsync();

        var owed = Assert.Single(state.Alerts);
        Assert.Equal(AlertState.Resolved, owed.State);
        Assert.Equal(T0.AddMinutes(5), owed.EndsAt);
    }

    public void Dispose() => _directory.Dispose();
}
