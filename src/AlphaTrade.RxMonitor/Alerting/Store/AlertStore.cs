using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting.Store;

/// <summary>
/// The alerts the manager holds, by identity (the labels' fingerprint): de-duplication of events into transitions,
/// flap detection with its evaluation timers, and forgetting resolved alerts (Alertmanager's alert provider, plus
/// Kapacitor-style flapping).
/// </summary>
/// <remarks>Guarded by the manager's lock; its timers run under it through the <see cref="AlertingGate"/>.</remarks>
internal sealed class AlertStore(AlertingGate gate, AlertHistoryRecorder recorder, FlapSettings flap)
{
    private readonly Dictionary<ulong, AlertEntry> _alerts = [];

    /// <summary>Called under the lock when an alert starts or stops flapping (after the change is recorded).</summary>
    public Action<AlertEntry, bool>? FlappingChanged { get; set; }

    public long Duplicates { get; private set; }

    public long Ignored { get; private set; }

    public int Count => _alerts.Count;

    public IEnumerable<AlertEntry> Entries => _alerts.Values;

    public bool HasResolved => _alerts.Values.Any(static e => e.State == AlertState.Resolved);

    public bool Contains(ulong fingerprint) => _alerts.ContainsKey(fingerprint);

    /// <summary>Whether <paramref name="entry"/> is still the alert held for its fingerprint (not forgotten or replaced).</summary>
    public bool IsCurrent(AlertEntry entry) => _alerts.TryGetValue(entry.Fingerprint, out var current) && ReferenceEquals(current, entry);

    /// <summary>Applies one event; returns the entry when it changed (recorded as a transition), <see langword="null"/> for a duplicate or ignored event.</summary>
    public AlertEntry? Apply(AlertEvent alertEvent)
    {
        var fingerprint = alertEvent.Labels.Fingerprint;
        if (!_alerts.TryGetValue(fingerprint, out var entry))
        {
            if (alertEvent.State == AlertState.Resolved)
            {
                Ignored++;
                return null;
            }

            entry = new AlertEntry(alertEvent);
            _alerts.Add(fingerprint, entry);
            entry.Apply(alertEvent, newInstance: true);
            recorder.RecordTransition(entry, alertEvent.State == AlertState.Pending ? AlertChange.Pending : AlertChange.Firing, null, null, alertEvent.Timestamp);
            ObserveFlapping(entry, alertEvent.Timestamp);
            return entry;
        }

        if (entry.AwaitsConfirmation && alertEvent.State != AlertState.Resolved)
        {
            entry.AwaitsConfirmation = false;
            if (entry.State == AlertState.Firing && alertEvent.State == AlertState.Pending)
            {
                // The rule restarted its for-clock; the restored alert keeps firing with its original activeAt.
                Duplicates++;
                entry.Touch(alertEvent);
                return null;
            }
        }

        var previousState = entry.State;
        var previousSeverity = entry.Severity;
        if (alertEvent.State == previousState && (previousSeverity == alertEvent.Severity || previousState == AlertState.Resolved))
        {
            Duplicates++;
            if (previousState != AlertState.Resolved)
            {
                entry.Touch(alertEvent);
            }

            return null;
        }

        var change = alertEvent.State switch
        {
            _ when alertEvent.State == previousState => AlertChange.SeverityChanged,
            AlertState.Pending => AlertChange.Pending,
            AlertState.Firing => AlertChange.Firing,
            _ => AlertChange.Resolved,
        };
        entry.Apply(alertEvent, newInstance: previousState == AlertState.Resolved);
        recorder.RecordTransition(entry, change, previousState, previousSeverity, alertEvent.Timestamp);
        ObserveFlapping(entry, alertEvent.Timestamp);
        return entry;
    }

    /// <summary>Takes a restored alert unless one with its fingerprint is held already.</summary>
    public AlertEntry? Restore(Alert alert)
    {
        if (_alerts.ContainsKey(alert.Fingerprint))
        {
            return null;
        }

        var entry = new AlertEntry(alert);
        _alerts.Add(alert.Fingerprint, entry);
        return entry;
    }

    /// <summary>Forgets resolved alerts that ended before <paramref name="cutoff"/> and <paramref name="canForget"/> lets go (no group holds them); returns them.</summary>
    public List<AlertEntry> RemoveResolvedBefore(DateTimeOffset cutoff, Func<AlertEntry, bool> canForget)
    {
        var removed = _alerts.Values.Where(e => e.State == AlertState.Resolved && e.EndsAt < cutoff && canForget(e)).ToList();
        foreach (var entry in removed)
        {
            entry.FlapTimer?.Dispose();
            _alerts.Remove(entry.Fingerprint);
        }

        return removed;
    }

    public void Stop()
    {
        foreach (var entry in _alerts.Values)
        {
            entry.FlapTimer?.Dispose();
        }
    }

    private void ObserveFlapping(AlertEntry entry, DateTimeOffset time)
    {
        if (!flap.Enabled)
        {
            return;
        }

        entry.Flap ??= new FlapDetector(flap);
        if (entry.Flap.Observe(time, entry.Level))
        {
            OnFlappingChanged(entry, time);
        }
    }

    private void OnFlappingChanged(AlertEntry entry, DateTimeOffset time)
    {
        entry.Invalidate();
        var started = entry.IsFlapping;
        recorder.RecordTransition(entry, started ? AlertChange.FlappingStarted : AlertChange.FlappingStopped, entry.State, entry.Severity, time);
        entry.FlapTimer?.Dispose();
        entry.FlapTimer = started ? ScheduleFlapTick(entry) : null;
        FlappingChanged?.Invoke(entry, started);
    }

    /// <summary>While an alert flaps, quiet time counts as evaluations at its held level, so it stops flapping without events.</summary>
    private IDisposable ScheduleFlapTick(AlertEntry entry) =>
        gate.Schedule((Store: this, Entry: entry), flap.Interval, static state => state.Store.FlapTick(state.Entry));

    private void FlapTick(AlertEntry entry)
    {
        if (entry.Flap is null || !entry.IsFlapping || !IsCurrent(entry))
        {
            return;
        }

        var now = gate.Now;
        if (entry.Flap.Observe(now, entry.Level))
        {
            OnFlappingChanged(entry, now);
        }
        else
        {
            entry.FlapTimer = ScheduleFlapTick(entry);
        }
    }
}
