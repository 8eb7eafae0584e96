namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Counters of the alert manager since it started.</summary>
/// <param name="Events">Alert events processed.</param>
/// <param name="Duplicates">Events that changed nothing (same state and severity).</param>
/// <param name="Ignored">Events about unknown alerts that were already resolved.</param>
/// <param name="Transitions">Transitions recorded.</param>
/// <param name="Notifications">Notifications sent (handed to sink queues).</param>
/// <param name="HistoryFailures">History writes that threw (reported; delivery went on).</param>
/// <param name="TrackedAlerts">Alerts held now (pending, firing, or resolved and kept for flap tracking).</param>
/// <param name="Groups">Aggregation groups now.</param>
public sealed record AlertManagerStatistics(
    long Events,
    long Duplicates,
    long Ignored,
    long Transitions,
    long Notifications,
    long HistoryFailures,
    int TrackedAlerts,
    int Groups);
