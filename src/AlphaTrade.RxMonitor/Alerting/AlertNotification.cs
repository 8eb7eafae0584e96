using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>One notification to one receiver: a group of firing and resolved alerts (Alertmanager's unit of delivery).</summary>
/// <remarks>
/// Recorded in <see cref="IAlertHistory"/>: a group notification once the first sink of its receiver accepted it (and each
/// accepting sink as a <see cref="NotificationDelivery"/>), or at once for a receiver without sinks; a flapping notice
/// before its sinks see it.
/// </remarks>
public sealed record AlertNotification
{
    /// <summary>A unique id of this notification.</summary>
    public required Guid Id { get; init; }

    /// <summary>The receiver the route chose.</summary>
    public required string Receiver { get; init; }

    /// <summary>The group's key: the route's path plus the group labels, stable across restarts.</summary>
    public required string GroupKey { get; init; }

    /// <summary>The values of the route's <c>groupBy</c> labels shared by the group.</summary>
    public required LabelSet GroupLabels { get; init; }

    /// <summary>Why the notification was sent.</summary>
    public NotificationKind Kind { get; init; } = NotificationKind.Group;

    /// <summary>When it was sent, on the manager's clock.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The alerts of the group: firing ones, then (when the receiver sends resolved) resolved ones.</summary>
    public required IReadOnlyList<Alert> Alerts { get; init; }

    /// <summary><see cref="AlertState.Firing"/> when any alert fires, otherwise <see cref="AlertState.Resolved"/> (Alertmanager's group status).</summary>
    public AlertState Status => Alerts.Any(static a => a.State == AlertState.Firing) ? AlertState.Firing : AlertState.Resolved;

    /// <summary>The highest severity among the alerts.</summary>
    public Severity MaxSeverity => Alerts.Count == 0 ? Severity.Info : Alerts.Max(static a => a.Severity);
}
