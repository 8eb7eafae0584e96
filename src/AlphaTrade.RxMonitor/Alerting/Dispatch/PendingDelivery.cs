namespace AlphaTrade.RxMonitor.Alerting.Dispatch;

/// <summary>A group notification on its way to its sinks: what each sink's log becomes once it accepts it.</summary>
/// <remarks>Guarded by the manager's lock.</remarks>
internal sealed class PendingDelivery(AlertNotification notification, NotificationLogEntry log, AggregationGroup group, string logKey, int targets)
{
    public AlertNotification Notification { get; } = notification;

    /// <summary>The log entry a sink gets once it accepted the notification.</summary>
    public NotificationLogEntry Log { get; } = log;

    public AggregationGroup Group { get; } = group;

    /// <summary>The receiver and group key of its log entries.</summary>
    public string LogKey { get; } = logKey;

    /// <summary>How many sinks have not answered yet.</summary>
    public int Remaining { get; set; } = targets;

    /// <summary>How many sinks it was handed to; the group is settled only when every one of them accepted it.</summary>
    public int Targets { get; } = targets;

    /// <summary>How many sinks accepted it.</summary>
    public int Accepted { get; set; }
}
