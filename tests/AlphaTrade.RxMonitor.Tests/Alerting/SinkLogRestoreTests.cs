using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

/// <summary>
/// After a restart each sink's notification log is what that sink accepted (Alertmanager keys its log per integration):
/// a sink that lost a notification another sink of its receiver accepted is still owed it.
/// </summary>
public sealed class SinkLogRestoreTests
{
    /// <summary>The group's flush after a restart: a restored alert that started at the harness's start waits the group wait (10 s).</summary>
    private static readonly TimeSpan PastFirstFlush = TimeSpan.FromSeconds(11);

    private static int DeliveriesRecorded(InMemoryAlertHistory history) => history.QueryDeliveriesAsync().AsTask().GetAwaiter().GetResult().Count;

    private static SinkStatistics Statistics(AlertingHarness h, int sink) => h.Manager.GetSinkStatistics()[sink];

    /// <summary>Before the restart: sink <c>a</c> accepted the firing notification, sink <c>b</c> failed every attempt.</summary>
    private static async Task<InMemoryAlertHistory> AcceptedByOneLostByTheOtherAsync(string first = "a", string second = "b")
    {
        var history = new InMemoryAlertHistory();
        await using var before = new AlertingHarness(history: history);
        var a = new OutageSink(first) { Down = false };
        before.Manager.AddSink(a, "default", AlertingHarness.TwoAttempts);
        before.Manager.AddSink(new OutageSink(second), "default", AlertingHarness.TwoAttempts);
        before.Fire("A");
        await before.AdvanceUntilAsync(() => DeliveriesRecorded(history) == 1 && Statistics(before, 1).Failed >= 1, "accepted by one sink, given up by the other");
        return history;
    }

    private static async Task<AlertingHarness> RestartedAsync(InMemoryAlertHistory history, params string[] sinks)
    {
        var h = new AlertingHarness(history: history);
        foreach (var name in sinks)
        {
            h.Manager.AddSink(new OutageSink(name) { Down = false }, "default", AlertingHarness.TwoAttempts);
        }

        await h.Manager.RestoreAsync();
        return h;
    }

    [Fact]
    public async Task RestoreAsync_SinkLostWhatAnotherSinkAccepted_GetsItAtTheNextGroupFlush()
    {
        var history = await AcceptedByOneLostByTheOtherAsync();
        await using var h = await RestartedAsync(history, "a", "b");

        h.Advance(PastFirstFlush);

        Assert.Equal(("b", 1L), (Statistics(h, 1).Sink, Statistics(h, 1).Enqueued));
    }

    [Fact]
    public async Task RestoreAsync_SinkThatAcceptedIt_IsNotNotifiedAgainBeforeTheRepeatInterval()
    {
        var history = await AcceptedByOneLostByTheOtherAsync();
        await using var h = await RestartedAsync(history, "a", "b");

        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(("a", 0L), (Statistics(h, 0).Sink, Statistics(h, 0).Enqueued));
    }

    [Fact]
    public async Task RestoreAsync_TwoSinksOfOneName_EachKeepsItsOwnLog()
    {
        var history = await AcceptedByOneLostByTheOtherAsync("outage", "outage");
        await using var h = await RestartedAsync(history, "outage", "outage");

        h.Advance(PastFirstFlush);

        Assert.Equal((0L, 1L), (Statistics(h, 0).Enqueued, Statistics(h, 1).Enqueued));
    }

    [Fact]
    public async Task RestoreAsync_SinkWithNoRecordedDelivery_GetsTheGroupAtTheNextFlush()
    {
        var history = await AcceptedByOneLostByTheOtherAsync();
        await using var h = await RestartedAsync(history, "a", "added");

        h.Advance(PastFirstFlush);

        Assert.Equal((0L, 1L), (Statistics(h, 0).Enqueued, Statistics(h, 1).Enqueued));
    }

    [Fact]
    public async Task RestoreAsync_NotificationRecordedWithoutDeliveries_IsTakenAsHeardByEverySink()
    {
        var history = new InMemoryAlertHistory();
        await using (var before = new AlertingHarness(history: history))
        {
            // A receiver without sinks records its notification without deliveries, as a version before deliveries did.
            before.Fire("A");
            before.Advance(PastFirstFlush);
            Assert.Single(before.Notifications());
        }

        await using var h = await RestartedAsync(history, "a", "b");
        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal((0L, 0L), (Statistics(h, 0).Enqueued, Statistics(h, 1).Enqueued));
    }

    [Fact]
    public async Task RestoreAsync_ResolutionOneSinkLost_IsSentToThatSinkOnly()
    {
        var history = new InMemoryAlertHistory();
        await using (var before = new AlertingHarness(history: history))
        {
            var a = new OutageSink("a") { Down = false };
            var b = new OutageSink("b") { Down = false };
            before.Manager.AddSink(a, "default", AlertingHarness.TwoAttempts);
            before.Manager.AddSink(b, "default", AlertingHarness.TwoAttempts);
            before.Fire("A");
            await before.AdvanceUntilAsync(() => DeliveriesRecorded(history) == 2, "firing accepted by both sinks");
            b.Down = true;
            before.Resolve("A");
            await before.AdvanceUntilAsync(() => DeliveriesRecorded(history) == 3 && Statistics(before, 1).Failed >= 1, "the resolution accepted by a, given up by b");
        }

        await using var h = await RestartedAsync(history, "a", "b");
        h.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal((0L, 1L), (Statistics(h, 0).Enqueued, Statistics(h, 1).Enqueued));
        await h.AdvanceUntilAsync(() => h.Notifications().Count == 3, "the resolution recorded once b accepted it");
        Assert.Equal(AlertState.Resolved, h.Notifications()[^1].Status);
    }

    [Fact]
    public async Task Flush_EachSinkThatAccepts_IsRecordedAsADeliveryOfTheOneRecordedNotification()
    {
        var history = new InMemoryAlertHistory();
        await using var h = new AlertingHarness(history: history);
        h.Manager.AddSink(new OutageSink("a") { Down = false }, "default", AlertingHarness.TwoAttempts);
        h.Manager.AddSink(new OutageSink("b") { Down = false }, "default", AlertingHarness.TwoAttempts);
        h.Fire("A");

        await h.AdvanceUntilAsync(() => DeliveriesRecorded(history) == 2, "both deliveries recorded");

        var notification = Assert.Single(h.Notifications());
        var deliveries = await history.QueryDeliveriesAsync();
        Assert.Equal(["a", "b"], deliveries.Select(static d => d.Sink).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d => Assert.Equal(notification.Id, d.NotificationId));
    }

    [Fact]
    public void From_DeliveriesOfTwoNotifications_EachSinksLatestAcceptedOneIsItsLog()
    {
        var first = Notice(AlertState.Firing, minute: 1);
        var second = Notice(AlertState.Resolved, minute: 2);
        NotificationDelivery Delivery(AlertNotification n, string sink) => new(n.Id, sink, n.Timestamp);

        var state = RecoveredAlertState.From(
            [],
            [first, second],
            [Delivery(first, "a"), Delivery(first, "b"), Delivery(second, "a"), new NotificationDelivery(Guid.NewGuid(), "a", first.Timestamp)],
            [],
            AlertingHarness.Start.AddMinutes(3));

        Assert.Equal(second, Assert.Single(state.NotificationLog));
        Assert.Equal([("b", first.Id), ("a", second.Id)], state.SinkLog.Select(static d => (d.Sink, d.Notification.Id)));
    }

    [Fact]
    public void From_ResolvedAlertASinksLatestNotificationShowsFiring_IsRestoredAsOwed()
    {
        var first = Notice(AlertState.Firing, minute: 1);
        var second = Notice(AlertState.Resolved, minute: 2);
        var resolved = new AlertTransition(second.Alerts[0], AlertChange.Resolved, AlertState.Firing, Severity.Warning, second.Timestamp);

        var state = RecoveredAlertState.From(
            [resolved],
            [first, second],
            [new(first.Id, "a", first.Timestamp), new(first.Id, "b", first.Timestamp), new(second.Id, "a", second.Timestamp)],
            [],
            AlertingHarness.Start.AddMinutes(3));

        Assert.Equal(AlertState.Resolved, Assert.Single(state.Alerts).State);
    }

    private static AlertNotification Notice(AlertState state, int minute) => new()
    {
        Id = Guid.NewGuid(),
        Receiver = "default",
        GroupKey = "{}:{alertname=\"A\"}",
        GroupLabels = LabelSet.Empty,
        Timestamp = AlertingHarness.Start.AddMinutes(minute),
        Alerts =
        [
            new Alert
            {
                Fingerprint = 1, RuleName = "A", Labels = AlertingHarness.Labels("A"), Severity = Severity.Warning, State = state,
                ActiveAt = AlertingHarness.Start, StartsAt = AlertingHarness.Start, UpdatedAt = AlertingHarness.Start.AddMinutes(minute),
                EndsAt = state == AlertState.Resolved ? AlertingHarness.Start.AddMinutes(minute) : null,
            },
        ],
    };
}
