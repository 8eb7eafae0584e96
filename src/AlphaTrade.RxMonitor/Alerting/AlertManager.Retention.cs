using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <content>The alert manager's restart recovery from history and forgetting old state.</content>
public sealed partial class AlertManager
{
    /// <summary>
    /// Restores state from a durable history after a restart: unexpired silences, the active (pending and firing)
    /// alerts, the resolved alerts whose resolution was not yet notified, and the notification log, so a firing alert
    /// is not notified again before its repeat interval and its resolution is still notified.
    /// </summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>How many alerts were restored.</returns>
    /// <remarks>
    /// Call before the first event. Reads <see cref="IAlertHistory.LoadRecoveryStateAsync"/> once, as of the scheduler's
    /// time (the SQLite history answers it with indexed queries; the in-memory one in one pass). A restored resolved
    /// alert re-enters its groups so that their next flush sends the resolution the log still owes.
    /// </remarks>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken = default)
    {
        var state = await _history.LoadRecoveryStateAsync(_scheduler.Now, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var now = _scheduler.Now;
            RestoreSilencesLocked(state.Silences, now);
            foreach (var notification in state.NotificationLog.Where(static n => n.Kind == NotificationKind.Group))
            {
                _log.TryAdd(LogKey(notification.Receiver, notification.GroupKey), new NotificationLogEntry(
                    notification.Alerts.Where(static a => a.State == AlertState.Firing).ToDictionary(static a => a.Fingerprint, static a => a.Severity),
                    [.. notification.Alerts.Where(static a => a.State == AlertState.Resolved).Select(static a => a.Fingerprint)],
                    notification.Timestamp));
            }

            var restored = 0;
            foreach (var alert in state.Alerts)
            {
                if (_alerts.ContainsKey(alert.Fingerprint))
                {
                    continue;
                }

                var entry = new AlertEntry(alert);
                _alerts.Add(alert.Fingerprint, entry);
                UpdateInhibitionSources(entry);
                if (entry.State != AlertState.Pending)
                {
                    Route(entry);
                }

                restored++;
            }

            RecomputeSuppression(now);
            if (state.Alerts.Any(static a => a.State == AlertState.Resolved))
            {
                EnsureSweep();
            }

            return restored;
        }
    }

    /// <summary>Forgets resolved alerts that ended before <paramref name="maxAge"/> ago, expired silences, and older history.</summary>
    /// <param name="maxAge">How much history to keep.</param>
    /// <param name="cancellationToken">Cancels the history deletion.</param>
    /// <returns>How many entries were removed (alerts, silences and history entries).</returns>
    public async Task<int> CleanupOldAlertsAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAge, TimeSpan.Zero);
        DateTimeOffset cutoff;
        int removed;
        lock (_gate)
        {
            cutoff = _scheduler.Now - maxAge;
            removed = SweepLocked(cutoff);
        }

        return removed + await _history.DeleteOlderThanAsync(cutoff, cancellationToken).ConfigureAwait(false);
    }

    private void EnsureSweep()
    {
        if (_sweepTimer is null && _resolvedRetention > TimeSpan.Zero)
        {
            _sweepTimer = _scheduler.Schedule(this, _resolvedRetention, static (scheduler, manager) =>
            {
                lock (manager._gate)
                {
                    manager._sweepTimer = null;
                    if (!manager._stopped)
                    {
                        manager.SweepLocked(scheduler.Now - manager._resolvedRetention);
                        if (manager._alerts.Values.Any(static e => e.State == AlertState.Resolved) || manager._silences.Count > 0)
                        {
                            manager.EnsureSweep();
                        }
                    }
                }

                return Disposable.Empty;
            });
        }
    }

    private int SweepLocked(DateTimeOffset cutoff)
    {
        var removed = 0;
        foreach (var entry in _alerts.Values.Where(e => e.State == AlertState.Resolved && e.Groups.Count == 0 && e.EndsAt < cutoff).ToList())
        {
            entry.FlapTimer?.Dispose();
            foreach (var rule in _inhibitRules)
            {
                rule.Sources.Remove(entry);
            }

            _alerts.Remove(entry.Fingerprint);
            removed++;
        }

        foreach (var silence in _silences.Values.Where(s => s.EndsAt < cutoff).ToList())
        {
            DisposeSilenceTimers(silence.Id);
            _silences.Remove(silence.Id);
            removed++;
        }

        return removed;
    }
}
