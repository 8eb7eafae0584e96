namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>The latest group notification one sink of its receiver accepted for one group: what that sink was last told.</summary>
/// <param name="Sink">The sink's name within the receiver, as recorded (<see cref="NotificationDelivery.Sink"/>).</param>
/// <param name="Notification">The notification; its <see cref="AlertNotification.Receiver"/> and <see cref="AlertNotification.GroupKey"/> name the group.</param>
public sealed record DeliveredNotification(string Sink, AlertNotification Notification);
