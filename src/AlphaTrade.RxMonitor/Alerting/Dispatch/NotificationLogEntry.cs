using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Alerting.Dispatch;

/// <summary>What was last notified for one receiver and group (Alertmanager's notification log entry), with severities.</summary>
internal sealed record NotificationLogEntry(Dictionary<ulong, Severity> Firing, HashSet<ulong> Resolved, DateTimeOffset Timestamp);
