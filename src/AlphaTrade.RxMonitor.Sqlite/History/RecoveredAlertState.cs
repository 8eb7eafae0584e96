using AlphaTrade.RxMonitor.Alerting;

namespace AlphaTrade.RxMonitor.Sqlite.History;

/// <summary>What the alert manager needs after a restart to neither re-notify early nor forget a resolution.</summary>
/// <param name="Alerts">
/// Every pending or firing alert, plus each resolved alert that the latest notification of one of its groups
/// still showed firing (its resolution is owed to that receiver).
/// </param>
/// <param name="Silences">The silences that had not ended at the time of loading.</param>
/// <param name="NotificationLog">The latest notification per receiver and group key (Alertmanager's notification log): what each receiver last heard, and when.</param>
/// <param name="LoadedAt">When the state was loaded, on the store's clock.</param>
public sealed record RecoveredAlertState(
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<Silence> Silences,
    IReadOnlyList<AlertNotification> NotificationLog,
    DateTimeOffset LoadedAt);
