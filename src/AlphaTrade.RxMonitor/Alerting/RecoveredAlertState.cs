using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// What the alert manager needs after a restart to neither re-notify early nor forget a resolution
/// (<see cref="IAlertHistory.LoadRecoveryStateAsync"/>, read by <see cref="AlertManager.RestoreAsync(CancellationToken)"/>).
/// </summary>
/// <param name="Alerts">
/// The latest state of every pending or firing alert, plus each resolved alert that the latest group notification of
/// one of its groups, or the latest one a sink of the group's receiver accepted, still showed firing (its resolution is
/// owed to that receiver or sink).
/// </param>
/// <param name="Silences">The latest version of each silence that had not ended at <paramref name="LoadedAt"/>.</param>
/// <param name="NotificationLog">
/// The latest <see cref="NotificationKind.Group"/> notification per receiver and group key (Alertmanager's notification
/// log): what each receiver last heard, and when. Flapping notices are not part of it.
/// </param>
/// <param name="SinkLog">
/// The latest group notification each sink accepted, per receiver, group key and sink (from the recorded
/// <see cref="NotificationDelivery"/> rows; Alertmanager keys its log per integration): what each sink was last told.
/// A notification recorded without any delivery (by a version before deliveries were recorded, or its delivery writes
/// lost) appears only in <paramref name="NotificationLog"/>.
/// </param>
/// <param name="LoadedAt">The time the state was loaded as of.</param>
public sealed record RecoveredAlertState(
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<Silence> Silences,
    IReadOnlyList<AlertNotification> NotificationLog,
    IReadOnlyList<DeliveredNotification> SinkLog,
    DateTimeOffset LoadedAt)
{
    /// <summary>
    /// Derives the state from full histories: the newest transition per alert, the newest group notification per
    /// (receiver, group key), the newest group notification each sink accepted per (receiver, group key, sink), the
    /// silences not ended at <paramref name="asOf"/>. The reference semantics of <see cref="IAlertHistory.LoadRecoveryStateAsync"/>.
    /// </summary>
    /// <param name="transitions">Transitions, oldest first.</param>
    /// <param name="notifications">Notifications, oldest first.</param>
    /// <param name="deliveries">Deliveries; one whose notification is not among <paramref name="notifications"/> is ignored.</param>
    /// <param name="silences">The latest version of each silence.</param>
    /// <param name="asOf">The load time.</param>
    /// <returns>The state.</returns>
    public static RecoveredAlertState From(
        IEnumerable<AlertTransition> transitions,
        IEnumerable<AlertNotification> notifications,
        IEnumerable<NotificationDelivery> deliveries,
        IEnumerable<Silence> silences,
        DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(silences);
        var latestAlerts = new Dictionary<ulong, Alert>();
        foreach (var transition in transitions)
        {
            latestAlerts[transition.Alert.Fingerprint] = transition.Alert;
        }

        var latestGroups = new Dictionary<(string Receiver, string GroupKey), AlertNotification>();
        var groupNotifications = new Dictionary<Guid, (int Order, AlertNotification Notification)>();
        foreach (var notification in notifications)
        {
            if (notification.Kind == NotificationKind.Group)
            {
                latestGroups[(notification.Receiver, notification.GroupKey)] = notification;
                groupNotifications[notification.Id] = (groupNotifications.Count, notification);
            }
        }

        var latestPerSink = new Dictionary<(string Receiver, string GroupKey, string Sink), (int Order, AlertNotification Notification)>();
        foreach (var delivery in deliveries)
        {
            if (groupNotifications.TryGetValue(delivery.NotificationId, out var delivered))
            {
                var key = (delivered.Notification.Receiver, delivered.Notification.GroupKey, delivery.Sink);
                if (!latestPerSink.TryGetValue(key, out var latest) || latest.Order < delivered.Order)
                {
                    latestPerSink[key] = delivered;
                }
            }
        }

        var log = latestGroups.Values.ToList();
        var sinkLog = latestPerSink.OrderBy(static e => e.Value.Order).ThenBy(static e => e.Key.Sink, StringComparer.Ordinal)
            .Select(static e => new DeliveredNotification(e.Key.Sink, e.Value.Notification)).ToList();
        var owed = OwedResolutions(log, sinkLog);
        var alerts = latestAlerts.Values
            .Where(a => a.State != AlertState.Resolved || owed.Contains(a.Fingerprint))
            .OrderBy(static a => a.Fingerprint)
            .ToList();
        var live = silences.Where(s => s.EndsAt > asOf).OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal).ToList();
        return new RecoveredAlertState(alerts, live, log, sinkLog, asOf);
    }

    /// <summary>The alerts that a receiver's or a sink's latest notification still showed firing: a resolved one among them is owed its resolution.</summary>
    /// <param name="log">The latest group notification per receiver and group key.</param>
    /// <param name="sinkLog">The latest group notification each sink accepted.</param>
    /// <returns>Their fingerprints.</returns>
    public static IReadOnlySet<ulong> OwedResolutions(IEnumerable<AlertNotification> log, IEnumerable<DeliveredNotification> sinkLog)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(sinkLog);
        return log.Concat(sinkLog.Select(static d => d.Notification))
            .SelectMany(static n => n.Alerts)
            .Where(static a => a.State == AlertState.Firing)
            .Select(static a => a.Fingerprint)
            .ToHashSet();
    }
}
