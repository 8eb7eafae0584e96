using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Writes transitions, notifications, deliveries and silences to the <see cref="IAlertHistory"/>, isolating and counting its failures.</summary>
/// <remarks>Called under the manager's lock (a delivered notification too: the dispatcher takes the lock first).</remarks>
internal sealed class AlertHistoryRecorder(IAlertHistory history, FailureReporter reporter)
{
    public IAlertHistory History { get; } = history;

    public long Transitions { get; private set; }

    public long HistoryFailures { get; private set; }

    public void RecordTransition(AlertEntry entry, AlertChange change, AlertState? previousState, Severity? previousSeverity, DateTimeOffset time)
    {
        Transitions++;
        Write(
            new AlertTransition(entry.Snapshot(), change, previousState, previousSeverity, time),
            static (h, t) => h.RecordTransition(t),
            static t => (t.Alert.RuleName, $"Recording the {t.Change} transition of {t.Alert.Labels} failed."));
    }

    public void RecordNotification(AlertNotification notification) => Write(
        notification,
        static (h, n) => h.RecordNotification(n),
        static n => (n.Receiver, $"Recording notification {n.Id} failed."));

    public void RecordDelivery(NotificationDelivery delivery) => Write(
        delivery,
        static (h, d) => h.RecordDelivery(d),
        static d => (d.Sink, $"Recording the delivery of notification {d.NotificationId} to {d.Sink} failed."));

    public void RecordSilence(Silence silence) => Write(
        silence,
        static (h, s) => h.RecordSilence(s),
        static s => ("silences", $"Recording silence {s.Id} failed."));

    /// <summary>Writes one item; a throwing history is counted and reported with the name and message <paramref name="describe"/> gives (built only then).</summary>
    private void Write<T>(T item, Action<IAlertHistory, T> write, Func<T, (string Name, string Message)> describe)
    {
        try
        {
            write(History, item);
        }
        // A failing history is reported; alerting and delivery go on.
        catch (Exception ex)
        {
            HistoryFailures++;
            var (name, message) = describe(item);
            reporter.Report(PipelineComponent.AlertManager, name, message, ex);
        }
    }
}
