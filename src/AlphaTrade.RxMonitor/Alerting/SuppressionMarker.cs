using AlphaTrade.RxMonitor.Alerting.Inhibition;
using AlphaTrade.RxMonitor.Alerting.Silencing;
using AlphaTrade.RxMonitor.Alerting.Store;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// Marks each alert silenced and inhibited as the <see cref="Silencer"/> and <see cref="Inhibitor"/> say now
/// (Alertmanager's marker), and records a change of suppression as a transition.
/// </summary>
/// <remarks>Guarded by the manager's lock. The dispatcher leaves marked alerts out of notifications.</remarks>
internal sealed class SuppressionMarker(AlertingGate gate, Silencer silencer, Inhibitor inhibitor, AlertHistoryRecorder recorder)
{
    /// <summary>Re-marks every alert (a silence or an inhibition source changed).</summary>
    public void MarkAll(IEnumerable<AlertEntry> entries, DateTimeOffset time)
    {
        foreach (var entry in entries)
        {
            Mark(entry, time);
        }
    }

    /// <summary>Re-marks one alert; a change between suppressed and not is recorded at <paramref name="time"/>.</summary>
    public void Mark(AlertEntry entry, DateTimeOffset time)
    {
        if (silencer.Count == 0 && inhibitor.IsEmpty && !entry.IsSuppressed)
        {
            return;
        }

        var silencedBy = silencer.SilencedBy(entry.MatchLabels, gate.Now);
        var inhibitedBy = inhibitor.InhibitedBy(entry);
        var wasSuppressed = entry.IsSuppressed;
        if (entry.SetSuppression(silencedBy?.ToArray() ?? [], inhibitedBy?.ToArray() ?? []) && wasSuppressed != entry.IsSuppressed)
        {
            recorder.RecordTransition(entry, entry.IsSuppressed ? AlertChange.Suppressed : AlertChange.Unsuppressed, entry.State, entry.Severity, time);
        }
    }
}
