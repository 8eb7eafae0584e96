using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Writes transitions, notifications and silences to the <see cref="IAlertHistory"/>, isolating and counting its failures.</summary>
/// <remarks>Called under the manager's lock (or on a sink's consumer for a delivered notification, also under the lock).</remarks>
internal sealed class AlertHistoryRecorder(IAlertHistory history, FailureReporter reporter)
{
    public IAlertHistory History { get; } = history;

    public long Transitions { get; private set; }

    public long HistoryFailures { get; private set; }

    public void RecordTransition(AlertEntry entry, AlertChange change, AlertState? previousState, Severity? previousSeverity, DateTimeOffset time)
    {
        Transitions++;
        try
        {
            History.RecordTransition(new AlertTransition(entry.Snapshot(), change, previousState, previousSeverity, time));
        }
#pragma warning disable CA1031 // A failing history is reported; alerting goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HistoryFailures++;
            reporter.Report(PipelineComponent.AlertManager, entry.RuleName, $"Recording the {change} transition of {entry.Labels} failed.", ex);
        }
    }

    public void RecordNotification(AlertNotification notification)
    {
        try
        {
            History.RecordNotification(notification);
        }
#pragma warning disable CA1031 // A failing history is reported; delivery goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HistoryFailures++;
            reporter.Report(PipelineComponent.AlertManager, notification.Receiver, $"Recording notification {notification.Id} failed.", ex);
        }
    }

    public void RecordSilence(Silence silence)
    {
        try
        {
            History.RecordSilence(silence);
        }
#pragma warning disable CA1031 // A failing history is reported; alerting goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            HistoryFailures++;
            reporter.Report(PipelineComponent.AlertManager, "silences", $"Recording silence {silence.Id} failed.", ex);
        }
    }
}
