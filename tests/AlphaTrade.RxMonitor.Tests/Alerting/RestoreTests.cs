using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

/// <summary>Restart recovery through a history that outlives the manager (the SQLite history in production).</summary>
public sealed class RestoreTests
{
    private static async Task<InMemoryAlertHistory> FiredAndNotifiedAsync()
    {
        var history = new InMemoryAlertHistory();
        await using var before = new AlertingHarness(history: history);
        before.Fire("A", Severity.Critical, ("instance", "db-1"));
        before.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(before.Notifications());
        return history;
    }

    [Fact]
    public async Task RestoreAsync_FiringAlertAlreadyNotified_IsActiveAndNotNotifiedAgain()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);

        var restored = await h.Manager.RestoreAsync();
        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(1, restored);
        Assert.Equal(AlertState.Firing, Assert.Single(h.Manager.GetActiveAlerts()).State);
        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task RestoreAsync_ResolutionAfterRestart_IsNotified()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);
        await h.Manager.RestoreAsync();

        h.Resolve("A", Severity.Critical, ("instance", "db-1"));
        h.Advance(TimeSpan.FromMinutes(2));

        var last = h.Notifications()[^1];
        Assert.Equal(2, h.Notifications().Count);
        Assert.Equal(AlertState.Resolved, last.Status);
    }

    [Fact]
    public async Task RestoreAsync_RuleRepeatsFiringAfterRestart_IsADuplicate()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);
        await h.Manager.RestoreAsync();
        var transitionsBefore = h.Transitions().Count;

        h.Fire("A", Severity.Critical, ("instance", "db-1"));

        Assert.Equal(transitionsBefore, h.Transitions().Count);
        Assert.Equal(1, h.Manager.GetStatistics().Duplicates);
    }

    [Fact]
    public async Task RestoreAsync_ResolvedButResolutionNotYetNotified_SendsTheResolutionAfterRestart()
    {
        var history = await FiredAndNotifiedAsync();
        await using (var before = new AlertingHarness(history: history))
        {
            await before.Manager.RestoreAsync();
            before.Resolve("A", Severity.Critical, ("instance", "db-1"));
        }

        await using var h = new AlertingHarness(history: history);
        var restored = await h.Manager.RestoreAsync();
        h.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, restored);
        Assert.Empty(h.Manager.GetActiveAlerts());
        Assert.Equal(2, h.Notifications().Count);
        Assert.Equal(AlertState.Resolved, h.Notifications()[^1].Status);
    }

    [Fact]
    public async Task RestoreAsync_RuleNoLongerExists_ResolvesTheAlertAndNotifiesTheResolution()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);

        await h.Manager.RestoreAsync(new RestartRules([new("Other", TimeSpan.FromSeconds(20))]));
        h.Advance(TimeSpan.FromMinutes(2));

        Assert.Empty(h.Manager.GetActiveAlerts());
        Assert.Equal(2, h.Notifications().Count);
        Assert.Equal(AlertState.Resolved, h.Notifications()[^1].Status);
    }

    [Fact]
    public async Task RestoreAsync_RuleDoesNotRaiseTheAlertWithinItsConfirmationTime_ResolvesItThen()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);
        var restart = h.Now;

        await h.Manager.RestoreAsync(new RestartRules([new("A", TimeSpan.FromSeconds(20))]));
        h.Advance(TimeSpan.FromSeconds(19));
        var activeBeforeDeadline = h.Manager.GetActiveAlerts().Count;
        h.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(1, activeBeforeDeadline);
        Assert.Empty(h.Manager.GetActiveAlerts());
        var resolution = h.Transitions()[^1];
        Assert.Equal(AlertChange.Resolved, resolution.Change);
        Assert.Equal(restart.AddSeconds(20), resolution.Alert.EndsAt);
        Assert.Equal(AlertState.Resolved, h.Notifications()[^1].Status);
    }

    [Fact]
    public async Task RestoreAsync_RuleFiresAgainWithinItsConfirmationTime_StaysFiringAndIsNotNotifiedAgain()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);
        await h.Manager.RestoreAsync(new RestartRules([new("A", TimeSpan.FromSeconds(20))]));

        h.Advance(TimeSpan.FromSeconds(5));
        h.Fire("A", Severity.Critical, ("instance", "db-1"));
        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(AlertState.Firing, Assert.Single(h.Manager.GetActiveAlerts()).State);
        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task RestoreAsync_RuleRestartsItsForClockWithPending_KeepsTheAlertFiringWithItsOriginalActiveAt()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);
        await h.Manager.RestoreAsync(new RestartRules([new("A", TimeSpan.FromSeconds(20))]));

        h.Advance(TimeSpan.FromSeconds(5));
        h.Send(h.Event("A", AlertState.Pending, Severity.Critical, ("instance", "db-1")));
        h.Advance(TimeSpan.FromMinutes(1));
        h.Fire("A", Severity.Critical, ("instance", "db-1"));
        h.Advance(TimeSpan.FromMinutes(30));

        var alert = Assert.Single(h.Manager.GetActiveAlerts());
        Assert.Equal(AlertState.Firing, alert.State);
        Assert.Equal(AlertingHarness.Start, alert.ActiveAt);
        Assert.Single(h.Notifications());
    }

    [Fact]
    public void RestartRules_For_AddsTheEvaluationIntervalDelaySampleIntervalAndTheDetectorsWindow()
    {
        var rule = new AlertRule("R", SeriesSelector.Parse("x"), new RangeFunctionDetector(RangeFunction.Rate, TimeSpan.FromMinutes(5), ThresholdCondition.Above(1)));
        var evaluation = new RuleEvaluationOptions { EvaluationInterval = TimeSpan.FromSeconds(15), EvaluationDelay = TimeSpan.FromSeconds(1) };

        var rules = RestartRules.For([rule], evaluation, TimeSpan.FromSeconds(2));

        Assert.True(rules.TryGetConfirmationTime("R", out var within));
        Assert.Equal(TimeSpan.FromSeconds(15 + 1 + 2 + 300), within);
        Assert.False(rules.TryGetConfirmationTime("Other", out _));
    }

    [Fact]
    public void RestartRules_For_WaitsForTheSamplesAnAnomalyDetectorLearnsFrom()
    {
        var rule = new AlertRule("A", SeriesSelector.Parse("x"), new AnomalyDetector(ThresholdCondition.Above(0.9), warmupSamples: 100));
        var evaluation = new RuleEvaluationOptions { EvaluationInterval = TimeSpan.FromSeconds(15), EvaluationDelay = TimeSpan.FromSeconds(1) };

        var rules = RestartRules.For([rule], evaluation, TimeSpan.FromSeconds(2));

        Assert.True(rules.TryGetConfirmationTime("A", out var within));
        Assert.Equal(TimeSpan.FromSeconds(15 + 1 + 2 + (100 * 2)), within);
    }

    [Fact]
    public void RestartRules_For_WaitsForAThresholdsConsecutiveSamples()
    {
        var rule = new AlertRule("C", SeriesSelector.Parse("x"), new ThresholdDetector(ThresholdCondition.Above(1, consecutive: 4)));
        var evaluation = new RuleEvaluationOptions { EvaluationInterval = TimeSpan.FromSeconds(15), EvaluationDelay = TimeSpan.FromSeconds(1) };

        var rules = RestartRules.For([rule], evaluation, TimeSpan.FromSeconds(2));

        Assert.True(rules.TryGetConfirmationTime("C", out var within));
        Assert.Equal(TimeSpan.FromSeconds(15 + 1 + 2 + (3 * 2)), within);
    }

    [Fact]
    public async Task RestoreAsync_HistoryWithOnlyTheQueries_RestoresThroughTheDefaultImplementation()
    {
        var history = new QueryOnlyHistory(await FiredAndNotifiedAsync());
        await using var h = new AlertingHarness(history: history);

        var restored = await h.Manager.RestoreAsync();
        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(1, restored);
        Assert.Equal(AlertState.Firing, Assert.Single(h.Manager.GetActiveAlerts()).State);
        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_InMemory_AgreesWithTheDefaultImplementationOverTheQueries()
    {
        var history = await FiredAndNotifiedAsync();
        history.RecordSilence(new Silence
        {
            Id = "expired", Matchers = [LabelMatcher.Parse("instance=db-1")], StartsAt = AlertingHarness.Start,
            EndsAt = AlertingHarness.Start.AddMinutes(1), CreatedBy = "t", Comment = "c", UpdatedAt = AlertingHarness.Start,
        });
        var notified = Assert.Single(await history.QueryNotificationsAsync(AlertHistoryQuery.All));
        history.RecordDelivery(new NotificationDelivery(notified.Id, "a", notified.Timestamp));
        var asOf = AlertingHarness.Start.AddHours(1);

        var direct = await history.LoadRecoveryStateAsync(asOf);
        var viaQueries = await ((IAlertHistory)new QueryOnlyHistory(history)).LoadRecoveryStateAsync(asOf);

        Assert.Equal("A", Assert.Single(direct.Alerts).RuleName);
        Assert.Empty(direct.Silences);
        Assert.Single(direct.NotificationLog);
        Assert.Equal(direct.Alerts, viaQueries.Alerts);
        Assert.Equal(direct.NotificationLog, viaQueries.NotificationLog);
        Assert.Equal(("a", notified.Id), (Assert.Single(direct.SinkLog).Sink, direct.SinkLog[0].Notification.Id));
        Assert.Equal(direct.SinkLog, viaQueries.SinkLog);
        Assert.Equal(direct.Silences, viaQueries.Silences);
    }

    [Fact]
    public void From_FlappingNoticeAfterGroupNotification_KeepsTheGroupNotificationInTheLog()
    {
        var alert = new Alert
        {
            Fingerprint = 1, RuleName = "A", Labels = AlertingHarness.Labels("A"), Severity = Severity.Warning, State = AlertState.Firing,
            ActiveAt = AlertingHarness.Start, StartsAt = AlertingHarness.Start, UpdatedAt = AlertingHarness.Start,
        };
        AlertNotification Notice(NotificationKind kind, int minute) => new()
        {
            Id = Guid.NewGuid(), Receiver = "default", GroupKey = "{}:{}", GroupLabels = LabelSet.Empty, Kind = kind,
            Timestamp = AlertingHarness.Start.AddMinutes(minute), Alerts = [alert],
        };
        var group = Notice(NotificationKind.Group, 1);

        var state = RecoveredAlertState.From([], [group, Notice(NotificationKind.FlappingStarted, 2)], [], [], AlertingHarness.Start.AddMinutes(3));

        Assert.Equal(group, Assert.Single(state.NotificationLog));
    }

    /// <summary>A history that implements only the required members, so recovery takes the interface's default path.</summary>
    private sealed class QueryOnlyHistory(InMemoryAlertHistory inner) : IAlertHistory
    {
        public void RecordTransition(AlertTransition transition) => inner.RecordTransition(transition);

        public void RecordNotification(AlertNotification notification) => inner.RecordNotification(notification);

        public void RecordDelivery(NotificationDelivery delivery) => inner.RecordDelivery(delivery);

        public void RecordSilence(Silence silence) => inner.RecordSilence(silence);

        public ValueTask<IReadOnlyList<AlertTransition>> QueryTransitionsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryTransitionsAsync(query, cancellationToken);

        public ValueTask<IReadOnlyList<AlertNotification>> QueryNotificationsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryNotificationsAsync(query, cancellationToken);

        public ValueTask<IReadOnlyList<NotificationDelivery>> QueryDeliveriesAsync(CancellationToken cancellationToken = default) =>
            inner.QueryDeliveriesAsync(cancellationToken);

        public ValueTask<IReadOnlyList<Silence>> QuerySilencesAsync(CancellationToken cancellationToken = default) => inner.QuerySilencesAsync(cancellationToken);

        public ValueTask<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default) =>
            inner.DeleteOlderThanAsync(cutoff, cancellationToken);
    }
}
