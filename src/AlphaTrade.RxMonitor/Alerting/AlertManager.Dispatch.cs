using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sinks;

namespace AlphaTrade.RxMonitor.Alerting;

/// <content>The alert manager's routing into aggregation groups, group flushes (Alertmanager's dedup logic) and notifications.</content>
public sealed partial class AlertManager
{
    private void Route(AlertEntry entry)
    {
        if (entry.Routes is null)
        {
            _routeScratch.Clear();
            _root.Match(entry.MatchLabels, _routeScratch);
            entry.Routes = [.. _routeScratch];
            for (var i = entry.Groups.Count - 1; i >= 0; i--)
            {
                var group = entry.Groups[i];
                if (!entry.Routes.Contains(group.Route))
                {
                    group.Alerts.Remove(entry.Fingerprint);
                    entry.Groups.RemoveAt(i);
                }
            }
        }

        var now = _scheduler.Now;
        foreach (var route in entry.Routes)
        {
            var group = FindGroup(entry, route);
            if (group is null)
            {
                var groupLabels = route.GroupLabels(entry.MatchLabels);
                var key = route.Key + ":" + groupLabels;
                if (!_groups.TryGetValue(key, out group))
                {
                    group = new AggregationGroup(route, key, groupLabels);
                    _groups.Add(key, group);
                }

                group.Alerts[entry.Fingerprint] = entry;
                entry.Groups.Add(group);
            }

            // Alertmanager: a new group waits groupWait, unless the alert is older than that already (flush at once).
            var overdue = !group.HasFlushed && entry.StartsAt + route.GroupWait <= now;
            if (group.Timer is null || overdue)
            {
                ScheduleFlush(group, overdue ? TimeSpan.Zero : route.GroupWait);
            }
        }
    }

    private static AggregationGroup? FindGroup(AlertEntry entry, RouteNode route)
    {
        foreach (var group in entry.Groups)
        {
            if (ReferenceEquals(group.Route, route))
            {
                return group;
            }
        }

        return null;
    }

    private void ScheduleFlush(AggregationGroup group, TimeSpan due)
    {
        group.Timer?.Dispose();

        // Never zero: an immediate scheduler would run the flush inside the caller, under the lock, mid-update.
        group.Timer = _scheduler.Schedule((Manager: this, Group: group), due > TimeSpan.Zero ? due : MinimumDelay, static (_, state) =>
        {
            state.Manager.Flush(state.Group);
            return Disposable.Empty;
        });
    }

    private void Flush(AggregationGroup group)
    {
        lock (_gate)
        {
            if (_stopped || !_groups.TryGetValue(group.Key, out var current) || !ReferenceEquals(current, group))
            {
                return;
            }

            try
            {
                FlushLocked(group);
            }
            // A failing flush is reported; the group keeps its timer.
            catch (Exception ex)
            {
                _reporter.Report(PipelineComponent.AlertManager, group.Route.Receiver, $"Flushing group {group.Key} failed.", ex);
                ScheduleFlush(group, group.Route.GroupInterval);
            }
        }
    }

    private void FlushLocked(AggregationGroup group)
    {
        var now = _scheduler.Now;
        group.HasFlushed = true;
        var receiver = _receivers[group.Route.Receiver];
        var firing = new List<AlertEntry>();
        var resolved = new List<AlertEntry>();
        foreach (var entry in group.Alerts.Values)
        {
            if (entry.IsFlapping || entry.IsSuppressed)
            {
                continue;
            }

            if (entry.State == AlertState.Firing)
            {
                firing.Add(entry);
            }
            else if (entry.State == AlertState.Resolved)
            {
                resolved.Add(entry);
            }
        }

        var logKey = LogKey(receiver.Name, group.Key);
        var entryForLog = new NotificationLogEntry(
            firing.ToDictionary(static e => e.Fingerprint, static e => e.Severity),
            [.. resolved.Select(static e => e.Fingerprint)],
            now);
        var targets = Targets(receiver);
        var sending = new List<SinkChannel>(targets.Count);
        var settled = !HasInFlight(group);
        foreach (var sink in targets)
        {
            if (NeedsUpdate(SinkLog(sink, logKey), firing, resolved, receiver.SendResolved, group.Route.RepeatInterval, now))
            {
                sending.Add(sink);
            }
        }

        if (targets.Count == 0)
        {
            _log.TryGetValue(logKey, out var log);
            if (NeedsUpdate(log, firing, resolved, receiver.SendResolved, group.Route.RepeatInterval, now))
            {
                var alerts = GroupAlerts(firing, resolved, receiver.SendResolved);
                if (alerts.Count > 0)
                {
                    RecordNotification(NewNotification(receiver, group.Key, group.GroupLabels, alerts, NotificationKind.Group, now));
                }

                _log[logKey] = entryForLog;
            }
        }
        else if (sending.Count > 0)
        {
            var alerts = GroupAlerts(firing, resolved, receiver.SendResolved);
            if (alerts.Count == 0)
            {
                foreach (var sink in sending)
                {
                    _sent[(sink, logKey)] = entryForLog;
                }
            }
            else
            {
                settled = false;
                var notification = NewNotification(receiver, group.Key, group.GroupLabels, alerts, NotificationKind.Group, now);
                var pending = new PendingDelivery(notification, entryForLog, group, logKey, sending.Count);
                _inFlight[notification.Id] = pending;
                foreach (var sink in sending)
                {
                    // Optimistic until the sink answers: the next flush does not repeat what is queued; a loss reverts it.
                    _sent[(sink, logKey)] = entryForLog;
                    _latest[(sink, logKey)] = notification.Id;
                    if (!sink.TryEnqueue(notification))
                    {
                        OnDeliveryOutcomeLocked(sink, pending, delivered: false);
                    }
                }
            }
        }

        if (settled)
        {
            PruneResolved(group);
        }

        if (group.Alerts.Count == 0)
        {
            group.Timer = null;
            _groups.Remove(group.Key);
        }
        else
        {
            ScheduleFlush(group, group.Route.GroupInterval);
        }
    }

    /// <summary>A sink's answer to a notification, on its consumer thread: a group notification is logged (and recorded in history) only once accepted.</summary>
    private void OnDeliveryOutcome(SinkChannel sink, AlertNotification notification, bool delivered)
    {
        if (notification.Kind != NotificationKind.Group)
        {
            return;
        }

        lock (_gate)
        {
            if (_inFlight.TryGetValue(notification.Id, out var pending))
            {
                OnDeliveryOutcomeLocked(sink, pending, delivered);
            }
        }
    }

    private void OnDeliveryOutcomeLocked(SinkChannel sink, PendingDelivery pending, bool delivered)
    {
        var key = (sink, pending.LogKey);
        var latest = _latest.TryGetValue(key, out var id) && id == pending.Notification.Id;
        if (delivered)
        {
            _accepted[key] = pending.Log;
            if (pending.Accepted++ == 0)
            {
                RecordNotification(pending.Notification);
            }
        }
        else if (latest)
        {
            // Lost, and nothing newer is queued for this sink: the group is owed, so the next flush sends it again.
            if (_accepted.TryGetValue(key, out var accepted))
            {
                _sent[key] = accepted;
            }
            else
            {
                _sent.Remove(key);
            }
        }

        if (latest)
        {
            _latest.Remove(key);
        }

        if (--pending.Remaining > 0)
        {
            return;
        }

        _inFlight.Remove(pending.Notification.Id);
        var group = pending.Group;
        if (pending.Accepted == pending.Targets && !_stopped && !HasInFlight(group) && _groups.TryGetValue(group.Key, out var current) && ReferenceEquals(current, group)
            && Targets(_receivers[group.Route.Receiver]).All(s => !_sent.TryGetValue((s, pending.LogKey), out var log) || _accepted.TryGetValue((s, pending.LogKey), out var ok) && ReferenceEquals(log, ok)))
        {
            PruneResolved(group);
            if (group.Alerts.Count == 0)
            {
                group.Timer?.Dispose();
                group.Timer = null;
                _groups.Remove(group.Key);
            }
        }
    }

    private bool HasInFlight(AggregationGroup group) => _inFlight.Values.Any(p => ReferenceEquals(p.Group, group));

    private static void PruneResolved(AggregationGroup group)
    {
        foreach (var entry in group.Alerts.Values.Where(static e => e.State == AlertState.Resolved).ToList())
        {
            group.Alerts.Remove(entry.Fingerprint);
            entry.Groups.Remove(group);
        }
    }

    /// <summary>What a sink last accepted for a receiver's group; before its first acceptance, what the receiver's restored log says.</summary>
    private NotificationLogEntry? SinkLog(SinkChannel sink, string logKey) =>
        _sent.TryGetValue((sink, logKey), out var sent) ? sent : _log.GetValueOrDefault(logKey);

    private List<SinkChannel> Targets(ReceiverRuntime receiver)
    {
        var targets = new List<SinkChannel>(receiver.Sinks.Length + _everyReceiverSinks.Length);
        targets.AddRange(receiver.Sinks);
        targets.AddRange(_everyReceiverSinks);
        return targets;
    }

    private static List<Alert> GroupAlerts(List<AlertEntry> firing, List<AlertEntry> resolved, bool sendResolved)
    {
        var alerts = new List<Alert>(firing.Count + resolved.Count);
        alerts.AddRange(firing.OrderBy(static e => e.StartsAt).ThenBy(static e => e.Fingerprint).Select(static e => e.Snapshot()));
        if (sendResolved)
        {
            alerts.AddRange(resolved.OrderBy(static e => e.EndsAt).ThenBy(static e => e.Fingerprint).Select(static e => e.Snapshot()));
        }

        return alerts;
    }

    private static string LogKey(string receiver, string groupKey) => receiver + "\u001f" + groupKey;

    private static bool NeedsUpdate(NotificationLogEntry? log, List<AlertEntry> firing, List<AlertEntry> resolved, bool sendResolved, TimeSpan repeatInterval, DateTimeOffset now)
    {
        // Alertmanager's DedupStage.needsUpdate, plus: a firing alert whose severity changed counts as new.
        if (log is null)
        {
            return firing.Count > 0;
        }

        foreach (var entry in firing)
        {
            if (!log.Firing.TryGetValue(entry.Fingerprint, out var severity) || severity != entry.Severity)
            {
                return true;
            }
        }

        if (firing.Count == 0)
        {
            return log.Firing.Count > 0;
        }

        if (sendResolved)
        {
            foreach (var entry in resolved)
            {
                if (!log.Resolved.Contains(entry.Fingerprint))
                {
                    return true;
                }
            }
        }

        return log.Timestamp <= now - repeatInterval;
    }

    private AlertNotification NewNotification(ReceiverRuntime receiver, string groupKey, LabelSet groupLabels, IReadOnlyList<Alert> alerts, NotificationKind kind, DateTimeOffset now)
    {
        _notifications++;
        return new AlertNotification
        {
            Id = Guid.NewGuid(),
            Receiver = receiver.Name,
            GroupKey = groupKey,
            GroupLabels = groupLabels,
            Kind = kind,
            Timestamp = now,
            Alerts = alerts,
        };
    }

    private void RecordNotification(AlertNotification notification)
    {
        try
        {
            _history.RecordNotification(notification);
        }
        // A failing history is reported; delivery goes on.
        catch (Exception ex)
        {
            _historyFailures++;
            _reporter.Report(PipelineComponent.AlertManager, notification.Receiver, $"Recording notification {notification.Id} failed.", ex);
        }
    }

    /// <summary>Sends a notice (flapping started or stopped) to every sink of the receiver at once, recorded as it is sent.</summary>
    private void Notify(ReceiverRuntime receiver, string groupKey, LabelSet groupLabels, IReadOnlyList<Alert> alerts, NotificationKind kind, DateTimeOffset now)
    {
        var notification = NewNotification(receiver, groupKey, groupLabels, alerts, kind, now);
        RecordNotification(notification);
        foreach (var sink in Targets(receiver))
        {
            sink.TryEnqueue(notification);
        }
    }
}
