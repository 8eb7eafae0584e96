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
    /// alert re-enters its groups so that their next flush sends the resolution the log still owes. Without the rules
    /// that run now, a restored alert stays active until its rule resolves it; the overload that takes
    /// <see cref="RestartRules"/> ends those no rule confirms.
    /// </remarks>
    public Task<int> RestoreAsync(CancellationToken cancellationToken = default) => RestoreCoreAsync(null, cancellationToken);

    /// <summary>
    /// Restores state as <see cref="RestoreAsync(CancellationToken)"/> does, then ends every restored pending or
    /// firing alert whose rule no longer exists (at once) or does not raise it again within the rule's confirmation
    /// time (Prometheus semantics: an alert not active at the first evaluation after a restart is dropped); each
    /// ending is a resolution, recorded and notified like any other.
    /// </summary>
    /// <param name="rules">The rules that run now, with their confirmation times.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>How many alerts were restored (including those ended at once).</returns>
    /// <remarks>
    /// A rule confirms a restored alert with any pending or firing event for it; a pending event for a restored firing
    /// alert keeps it firing with its original <c>activeAt</c> (the rule's <c>for</c> state is restored, as Prometheus
    /// restores <c>ALERTS_FOR_STATE</c>), so it is neither re-announced nor re-notified.
    /// </remarks>
    public Task<int> RestoreAsync(RestartRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return RestoreCoreAsync(rules, cancellationToken);
    }

    private async Task<int> RestoreCoreAsync(RestartRules? rules, CancellationToken cancellationToken)
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

            var restored = new List<AlertEntry>();
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

                restored.Add(entry);
            }

            RecomputeSuppression(now);
            if (state.Alerts.Any(static a => a.State == AlertState.Resolved))
            {
                EnsureSweep();
            }

            if (rules is not null)
            {
                ReconcileLocked(restored, rules);
            }

            return restored.Count;
        }
    }

    private void ReconcileLocked(List<AlertEntry> restored, RestartRules rules)
    {
        var deadlines = new Dictionary<TimeSpan, List<AlertEntry>>();
        foreach (var entry in restored.Where(static e => e.State != AlertState.Resolved))
        {
            if (!rules.TryGetConfirmationTime(entry.RuleName, out var within))
            {
                EndUnconfirmed(entry);
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
            _restoreTimers.Add(_scheduler.Schedule((Manager: this, Entries: entries), within > TimeSpan.Zero ? within : MinimumDelay, static (_, state) =>
            {
                state.Manager.EndUnconfirmed(state.Entries);
                return Disposable.Empty;
            }));
        }
    }

    private void EndUnconfirmed(List<AlertEntry> entries)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            foreach (var entry in entries.Where(e => e.AwaitsConfirmation && _alerts.TryGetValue(e.Fingerprint, out var current) && ReferenceEquals(current, e)))
            {
                EndUnconfirmed(entry);
            }
        }
    }

    private void EndUnconfirmed(AlertEntry entry)
    {
        entry.AwaitsConfirmation = false;
        var alert = entry.Snapshot();
        ProcessLocked(new AlertEvent
        {
            RuleName = alert.RuleName,
            State = AlertState.Resolved,
            Severity = alert.Severity,
            Labels = alert.Labels,
            Annotations = alert.Annotations,
            Timestamp = _scheduler.Now,
            ActiveAt = alert.ActiveAt,
            Kind = alert.Kind,
        });
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
                        if (manager._alerts.Values.Any(static e => e.State == AlertState.Resolved) || manager._silences.Count > 0 || manager.HasLogOfGoneGroups())
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

        PruneNotificationLog(cutoff);
        return removed;
    }

    /// <summary>
    /// Forgets the notification log of groups that are gone (every alert resolved, notified and left) when their last
    /// entry is older than <paramref name="cutoff"/> and nothing of theirs is in flight: a group that comes back starts
    /// with a new firing alert, which is notified with or without its old entry, so the log follows the live groups.
    /// </summary>
    private void PruneNotificationLog(DateTimeOffset cutoff)
    {
        var live = LiveLogKeys();
        foreach (var key in _log.Where(e => e.Value.Timestamp < cutoff && !live.Contains(e.Key)).Select(static e => e.Key).ToList())
        {
            _log.Remove(key);
        }

        foreach (var key in _sent.Where(e => e.Value.Timestamp < cutoff && !live.Contains(e.Key.LogKey) && !_latest.ContainsKey(e.Key)).Select(static e => e.Key).ToList())
        {
            _sent.Remove(key);
        }

        foreach (var key in _accepted.Where(e => e.Value.Timestamp < cutoff && !live.Contains(e.Key.LogKey) && !_latest.ContainsKey(e.Key) && !_sent.ContainsKey(e.Key)).Select(static e => e.Key).ToList())
        {
            _accepted.Remove(key);
        }
    }

    private bool HasLogOfGoneGroups()
    {
        var live = LiveLogKeys();
        return _log.Keys.Any(k => !live.Contains(k)) || _sent.Keys.Any(k => !live.Contains(k.LogKey)) || _accepted.Keys.Any(k => !live.Contains(k.LogKey));
    }

    private HashSet<string> LiveLogKeys() => [.. _groups.Values.Select(static g => LogKey(g.Route.Receiver, g.Key))];

    /// <summary>How many notification-log entries the manager holds (the receivers' and the sinks'); for tests of pruning.</summary>
    internal int NotificationLogEntries
    {
        get
        {
            lock (_gate)
            {
                return _log.Count + _sent.Count + _accepted.Count + _latest.Count;
            }
        }
    }
}
