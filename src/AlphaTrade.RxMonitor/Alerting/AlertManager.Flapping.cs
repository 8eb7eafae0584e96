using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <content>The alert manager's flap detection notices and the evaluation timer of flapping alerts.</content>
public sealed partial class AlertManager
{
    private void OnFlappingChanged(AlertEntry entry, DateTimeOffset time)
    {
        entry.Invalidate();
        var started = entry.IsFlapping;
        Record(entry, started ? AlertChange.FlappingStarted : AlertChange.FlappingStopped, entry.State, entry.Severity, time);
        entry.FlapTimer?.Dispose();
        entry.FlapTimer = started ? ScheduleFlapTick(entry) : null;
        if (entry.IsSuppressed || entry.State == AlertState.Pending)
        {
            return;
        }

        if (entry.Routes is null)
        {
            _routeScratch.Clear();
            _root.Match(entry.MatchLabels, _routeScratch);
            entry.Routes = [.. _routeScratch];
        }

        var now = _scheduler.Now;
        var snapshot = entry.Snapshot();
        foreach (var route in entry.Routes)
        {
            var receiver = _receivers[route.Receiver];
            if (entry.State == AlertState.Resolved && !receiver.SendResolved)
            {
                continue;
            }

            var groupLabels = route.GroupLabels(entry.MatchLabels);
            var groupKey = route.Key + ":" + groupLabels;
            Notify(receiver, groupKey, groupLabels, [snapshot], started ? NotificationKind.FlappingStarted : NotificationKind.FlappingStopped, now);
            if (!started)
            {
                // The recovery notice told the receiver the current state: log it so the next group flush does not repeat it.
                var logKey = LogKey(receiver.Name, groupKey);
                _log[logKey] = WithCurrentState(_log.GetValueOrDefault(logKey), entry, now);
                foreach (var sink in Targets(receiver))
                {
                    if (_sent.TryGetValue((sink, logKey), out var sent))
                    {
                        _sent[(sink, logKey)] = WithCurrentState(sent, entry, now);
                    }
                }
            }
        }
    }

    private static NotificationLogEntry WithCurrentState(NotificationLogEntry? existing, AlertEntry entry, DateTimeOffset now)
    {
        var log = existing is null
            ? new NotificationLogEntry([], [], now)
            : existing with { Firing = new(existing.Firing), Resolved = [.. existing.Resolved] };
        if (entry.State == AlertState.Firing)
        {
            log.Firing[entry.Fingerprint] = entry.Severity;
            log.Resolved.Remove(entry.Fingerprint);
        }
        else
        {
            log.Firing.Remove(entry.Fingerprint);
            log.Resolved.Add(entry.Fingerprint);
        }

        return log;
    }

    private IDisposable ScheduleFlapTick(AlertEntry entry) =>
        _scheduler.Schedule((Manager: this, Entry: entry), _flap.Interval, static (_, state) =>
        {
            state.Manager.FlapTick(state.Entry);
            return Disposable.Empty;
        });

    private void FlapTick(AlertEntry entry)
    {
        lock (_gate)
        {
            if (_stopped || entry.Flap is null || !entry.IsFlapping || !_alerts.TryGetValue(entry.Fingerprint, out var current) || !ReferenceEquals(current, entry))
            {
                return;
            }

            var now = _scheduler.Now;
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
}
