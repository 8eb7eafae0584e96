namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>One sink of a receiver accepted one group notification (a row of Alertmanager's per-integration notification log).</summary>
/// <param name="NotificationId">The <see cref="AlertNotification.Id"/> of the notification the sink accepted.</param>
/// <param name="Sink">
/// The sink's name within its receiver: its <see cref="Receivers.IAlertSink.Name"/>, and when several sinks of the receiver
/// share that name, <c>name#2</c>, <c>name#3</c>… for the second, third… of them (their order in the receiver).
/// </param>
/// <param name="At">When the sink accepted it, on the manager's clock.</param>
/// <remarks>
/// Recorded through <see cref="IAlertHistory.RecordDelivery"/> for every sink that accepts a group notification, the first
/// one included (the notification itself is recorded once, when its first sink accepts it). After a restart the latest
/// notification each sink accepted is what that sink was last told (<see cref="RecoveredAlertState.SinkLog"/>).
/// </remarks>
public sealed record NotificationDelivery(Guid NotificationId, string Sink, DateTimeOffset At);
