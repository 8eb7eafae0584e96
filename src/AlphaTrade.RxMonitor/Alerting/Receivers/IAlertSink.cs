namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>Delivers notifications somewhere: a log, a console, an HTTP endpoint, your code.</summary>
/// <remarks>
/// The alert manager never calls a sink directly: each sink sits behind its own bounded queue and one consumer,
/// so <see cref="SendAsync"/> is never called concurrently for one sink. A call that throws is retried with
/// backoff; a call that does not complete within the delivery timeout is abandoned (its token is cancelled)
/// and counted as failed; repeated failures open the sink's circuit. None of this slows the alert manager or
/// other sinks.
/// </remarks>
public interface IAlertSink
{
    /// <summary>The sink's name, for diagnostics and statistics.</summary>
    string Name { get; }

    /// <summary>Delivers one notification.</summary>
    /// <param name="notification">The notification: a group of alerts to one receiver.</param>
    /// <param name="cancellationToken">Cancelled when the attempt times out or the manager stops.</param>
    /// <returns>A task that completes when delivered; a fault means the attempt failed.</returns>
    ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken);
}
