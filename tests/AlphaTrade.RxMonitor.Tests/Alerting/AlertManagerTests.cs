using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class AlertManagerTests
{
    [Fact]
    public async Task Process_NewFiringEvent_RecordsFiringTransitionWithIdentity()
    {
        await using var h = new AlertingHarness();

        var sent = h.Fire("HighLatency", Severity.Error, ("instance", "db-1"));

        var transition = Assert.Single(h.Transitions());
        Assert.Equal(AlertChange.Firing, transition.Change);
        Assert.Null(transition.PreviousState);
        Assert.Equal(sent.Labels.Fingerprint, transition.Alert.Fingerprint);
        Assert.Equal(Severity.Error, transition.Alert.Severity);
        Assert.Equal(h.Now, transition.Alert.StartsAt);
        Assert.Null(transition.Alert.EndsAt);
    }

    [Fact]
    public async Task Process_DuplicateFiringEvent_RecordsNoTransition()
    {
        await using var h = new AlertingHarness();
        h.Fire("HighLatency");

        h.Advance(TimeSpan.FromSeconds(1));
        h.Fire("HighLatency");

        Assert.Single(h.Transitions());
        Assert.Equal(1, h.Manager.GetStatistics().Duplicates);
    }

    [Fact]
    public async Task Process_SeverityEscalates_RecordsSeverityChangedKeepingIdentity()
    {
        await using var h = new AlertingHarness();
        var first = h.Fire("HighLatency", Severity.Warning);

        h.Fire("HighLatency", Severity.Critical);

        var last = h.Transitions()[^1];
        Assert.Equal(AlertChange.SeverityChanged, last.Change);
        Assert.Equal(Severity.Warning, last.PreviousSeverity);
        Assert.Equal(Severity.Critical, last.Alert.Severity);
        Assert.Equal(first.Labels.Fingerprint, last.Alert.Fingerprint);
    }

    [Fact]
    public async Task Process_ResolvedEventForUnknownAlert_IsIgnored()
    {
        await using var h = new AlertingHarness();

        h.Resolve("Nothing");

        Assert.Empty(h.Transitions());
        Assert.Equal(1, h.Manager.GetStatistics().Ignored);
    }

    [Fact]
    public async Task Process_Resolution_SetsEndsAtAndRecordsResolved()
    {
        await using var h = new AlertingHarness();
        h.Fire("HighLatency");
        h.Advance(TimeSpan.FromMinutes(2));

        h.Resolve("HighLatency");

        var last = h.Transitions()[^1];
        Assert.Equal(AlertChange.Resolved, last.Change);
        Assert.Equal(AlertState.Firing, last.PreviousState);
        Assert.Equal(h.Now, last.Alert.EndsAt);
    }

    [Fact]
    public async Task GetActiveAlerts_PendingFiringAndResolved_ReturnsOnlyPendingAndFiring()
    {
        await using var h = new AlertingHarness();
        h.Send(h.Event("A", AlertState.Pending));
        h.Fire("B");
        h.Fire("C");
        h.Resolve("C");

        var active = h.Manager.GetActiveAlerts();

        Assert.Equal(["A", "B"], active.Select(static a => a.RuleName).Order());
    }

    [Fact]
    public async Task Process_PendingThenFiring_StartsAtIsFiringTime()
    {
        await using var h = new AlertingHarness();
        h.Send(h.Event("A", AlertState.Pending));
        var pendingAt = h.Now;
        h.Advance(TimeSpan.FromMinutes(5));

        h.Send(h.Event("A", AlertState.Firing) with { ActiveAt = pendingAt });

        var alert = Assert.Single(h.Manager.GetActiveAlerts());
        Assert.Equal(pendingAt, alert.ActiveAt);
        Assert.Equal(h.Now, alert.StartsAt);
    }

    [Fact]
    public async Task Process_PendingResolvedWithoutFiring_IsNeverNotified()
    {
        await using var h = new AlertingHarness();
        h.Send(h.Event("A", AlertState.Pending));
        h.Send(h.Event("A", AlertState.Resolved));

        h.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(h.Notifications());
        Assert.Equal([AlertChange.Pending, AlertChange.Resolved], h.Transitions().Select(static t => t.Change));
    }

    [Fact]
    public async Task Process_HistoryThrows_ReportsFailureAndStillNotifies()
    {
        var history = new ThrowingHistory();
        await using var h = new AlertingHarness(history: history);

        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, history.Notifications);
        Assert.Contains(h.Failures.Failures, static f => f.Message.Contains("Recording the Firing transition", StringComparison.Ordinal));
        Assert.Equal(1, h.Manager.GetStatistics().HistoryFailures);
    }

    [Fact]
    public async Task Flush_HistoryThrowsRecordingADelivery_ReportsFailureAndTheSinkStillGetsIt()
    {
        var history = new ThrowingHistory();
        await using var h = new AlertingHarness(history: history);
        var sink = new CollectingAlertSink("a");
        h.Manager.AddSink(sink, "default");
        h.Fire("A");

        h.Advance(TimeSpan.FromSeconds(10));
        await sink.WaitForCountAsync(1);

        await Eventually.TrueAsync(
            () => h.Failures.Failures.Any(static f => f.Message.Contains("Recording the delivery of notification", StringComparison.Ordinal)),
            "the failing delivery write reported");
        Assert.Equal(1, history.Notifications);
    }

    [Fact]
    public async Task GetAlertHistoryAsync_TypeSeverityAndSince_FiltersTransitions()
    {
        await using var h = new AlertingHarness();
        h.Fire("A", Severity.Warning);
        h.Advance(TimeSpan.FromMinutes(1));
        var since = h.Now;
        h.Fire("A", Severity.Critical);
        h.Fire("B", Severity.Critical);

        var history = await h.Manager.GetAlertHistoryAsync("A", Severity.Critical, since);

        var only = Assert.Single(history);
        Assert.Equal(AlertChange.SeverityChanged, only.Change);
    }

    [Fact]
    public async Task OnNext_AsObserver_ProcessesEvents()
    {
        await using var h = new AlertingHarness();
        using var subscription = new[] { h.Event("A", AlertState.Firing) }.ToObservable().Subscribe(h.Manager);


        Assert.Single(h.Manager.GetActiveAlerts());
    }

    [Fact]
    public async Task CleanupOldAlertsAsync_OldResolvedAlertsAndHistory_AreRemoved()
    {
        await using var h = new AlertingHarness();
        h.Fire("A");
        h.Resolve("A");
        h.Advance(TimeSpan.FromMinutes(5));
        h.Fire("B");

        var removed = await h.Manager.CleanupOldAlertsAsync(TimeSpan.FromMinutes(1));

        Assert.True(removed >= 3);
        Assert.All(h.Transitions(), static t => Assert.Equal("B", t.Alert.RuleName));
        Assert.Equal(1, h.Manager.GetStatistics().TrackedAlerts);
    }

    [Fact]
    public async Task Notify_SinkReceivesNotification_TransitionIsAlreadyInHistoryAndTheNotificationIsRecordedOnceAccepted()
    {
        await using var h = new AlertingHarness();
        var checkedInHistory = new TaskCompletionSource<(bool Notification, bool Transition)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Guid sent = default;
        h.Manager.AddHandler(async (n, ct) =>
        {
            sent = n.Id;
            var notifications = await h.History.QueryNotificationsAsync(AlertHistoryQuery.All, ct);
            var transitions = await h.History.QueryTransitionsAsync(new AlertHistoryQuery { Fingerprint = n.Alerts[0].Fingerprint }, ct);
            checkedInHistory.TrySetResult((notifications.Any(x => x.Id == n.Id), transitions.Any(static t => t.Change == AlertChange.Firing)));
        });

        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal((false, true), await checkedInHistory.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        await Eventually.TrueAsync(() => h.Notifications().Any(n => n.Id == sent), "the accepted notification recorded");
    }

    [Fact]
    public async Task Sweep_ResolvedAlertAfterRetention_IsForgotten()
    {
        await using var h = new AlertingHarness(AlertingHarness.FastOptions(o => o.ResolvedRetention = "30m"));
        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));
        h.Resolve("A");
        h.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(1, h.Manager.GetStatistics().TrackedAlerts);

        h.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(0, h.Manager.GetStatistics().TrackedAlerts);
    }

    private sealed class ThrowingHistory : IAlertHistory
    {
        public int Notifications { get; private set; }

        public void RecordTransition(AlertTransition transition) => throw new IOException("disk full");

        public void RecordNotification(AlertNotification notification) => Notifications++;

        public void RecordDelivery(NotificationDelivery delivery) => throw new IOException("disk full");

        public void RecordSilence(Silence silence) => throw new IOException("disk full");

        public ValueTask<IReadOnlyList<AlertTransition>> QueryTransitionsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default) => new([]);

        public ValueTask<IReadOnlyList<AlertNotification>> QueryNotificationsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default) => new([]);

        public ValueTask<IReadOnlyList<NotificationDelivery>> QueryDeliveriesAsync(CancellationToken cancellationToken = default) => new([]);

        public ValueTask<IReadOnlyList<Silence>> QuerySilencesAsync(CancellationToken cancellationToken = default) => new([]);

        public ValueTask<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) => new(0);
    }
}
