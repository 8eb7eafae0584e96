using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// What the alert manager needs after a restart to neither re-notify early nor forget a resolution
/// (<see cref="IAlertHistory.LoadRecoveryStateAsync"/>, read by <see cref="AlertManager.RestoreAsync(CancellationToken)"/>).
/// </summary>
/// <param name="Alerts">
/// The latest state of every pending or firing alert, plus each resolved alert that the latest group notification of
/// one of its groups still showed firing (its resolution is owed to that receiver).
/// </param>
/// <param name="Silences">The latest version of each silence that had not ended at <paramref name="LoadedAt"/>.</param>
/// <param name="NotificationLog">
/// The latest <see cref="NotificationKind.Group"/> notification per receiver and group key (Alertmanager's notification
/// log): what each receiver last heard, and when. Flapping notices are not part of it.
/// </param>
/// <param name="LoadedAt">The time the state was loaded as of.</param>
public sealed record RecoveredAlertState(
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<Silence> Silences,
    IReadOnlyList<AlertNotification> NotificationLog,
    DateTimeOffset LoadedAt)
{
    /// <summary>
    /// Derives the state from full histories: the newest transition per alert, the newest group notification per
    /// (receiver, group key), the silences not ended at <paramref name="asOf"/>. The reference semantics of
    /// <see cref="IAlertHistory.LoadRecoveryStateAsync"/>.
    /// </summary>
    /// <param name="transitions">Transitions, oldest first.</param>
    /// <param name="notifications">Notifications, oldest first.</param>
    /// <param name="silences">The latest version of each silence.</param>
    /// <param name="asOf">The load time.</param>
    /// <returns>The state.</returns>
    public static RecoveredAlertState From(
        IEnumerable<AlertTransition> transitions,
        IEnumerable<AlertNotification> notifications,
        IEnumerable<Silence> silences,
        DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentNullException.ThrowIfNull(silences);
        var latestAlerts = new Dictionary<ulong, Alert>();
        foreach (var transition in transitions)
        {
            latestAlerts[transition.Alert.Fingerprint] = transition.Alert;
        }

        var latestGroups = new Dictionary<(string Receiver, string GroupKey), AlertNotification>();
        foreach (var notification in notifications)
        {
            if (notification.Kind == NotificationKind.Group)
            {
                latestGroups[(notification.Receiver, notification.GroupKey)] = notification;
            }
        }

        var log = latestGroups.Values.ToList();
        var owed = log.SelectMany(static n => n.Alerts).Where(static a => a.State == AlertState.Firing).Select(static a => a.Fingerprint).ToHashSet();
        var alerts = latestAlerts.Values
            .Where(a => a.State != AlertState.Resolved || owed.Contains(a.Fingerprint))
            .OrderBy(static a => a.Fingerprint)
            .ToList();
        var live = silences.Where(s => s.EndsAt > asOf).OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal).ToList();
        return new RecoveredAlertState(alerts, live, log, asOf);
    }
}
