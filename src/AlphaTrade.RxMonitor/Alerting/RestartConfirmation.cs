using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// After a restart, ends each restored pending or firing alert that no rule confirms: at once when its rule is gone,
/// else when the rule's confirmation time passes without an event for it (one timer per confirmation time).
/// </summary>
/// <remarks>Guarded by the manager's lock; its timers run under it through the <see cref="AlertingGate"/>.</remarks>
internal sealed class RestartConfirmation(AlertingGate gate, AlertStore store, Action<AlertEntry> end)
{
    private readonly List<IDisposable> _timers = [];

    /// <summary>Marks the restored active alerts as awaiting confirmation by <paramref name="rules"/> and arms their deadlines.</summary>
    public void Await(IEnumerable<AlertEntry> restored, RestartRules rules)
    {
        var deadlines = new Dictionary<TimeSpan, List<AlertEntry>>();
        foreach (var entry in restored.Where(static e => e.State != AlertState.Resolved))
        {
            if (!rules.TryGetConfirmationTime(entry.RuleName, out var within))
            {
                End(entry);
                continue;
            }

            entry.AwaitsConfirmation = true;
            if (!deadlines.TryGetValue(within, out var due))
            {
                deadlines[within] = due = [];
            }

            due.Add(entry);
        }

        foreach (var (within, entries) in deadlines)
        {
            _timers.Add(gate.Schedule((Confirmation: this, Entries: entries), within, static state => state.Confirmation.EndUnconfirmed(state.Entries)));
        }
    }

    public void Stop()
    {
        foreach (var timer in _timers)
        {
            timer.Dispose();
        }
    }

    private void EndUnconfirmed(List<AlertEntry> entries)
    {
        foreach (var entry in entries.Where(e => e.AwaitsConfirmation && store.IsCurrent(e)))
        {
            End(entry);
        }
    }

    private void End(AlertEntry entry)
    {
        entry.AwaitsConfirmation = false;
        end(entry);
    }
}
