namespace AlphaTrade.RxMonitor.Alerting.Receivers;

/// <summary>Counters of one sink's delivery since the alert manager started.</summary>
/// <param name="Sink">The sink's name.</param>
/// <param name="Receiver">The receiver it belongs to (<c>*</c> for handlers of every receiver).</param>
/// <param name="Enqueued">Notifications accepted into its queue.</param>
/// <param name="Delivered">Notifications delivered.</param>
/// <param name="Dropped">Notifications dropped because its queue was full (or the manager stopped first).</param>
/// <param name="Failed">Notifications given up after every retry failed.</param>
/// <param name="Rejected">Notifications refused because its circuit was open.</param>
/// <param name="Retries">Retry attempts made.</param>
/// <param name="TimedOut">Attempts abandoned because they did not complete in time.</param>
/// <param name="QueueLength">Notifications waiting now.</param>
/// <param name="CircuitOpen">Whether the circuit is open now.</param>
public sealed record SinkStatistics(
    string Sink,
    string Receiver,
    long Enqueued,
    long Delivered,
    long Dropped,
    long Failed,
    long Rejected,
    long Retries,
    long TimedOut,
    int QueueLength,
    bool CircuitOpen);
