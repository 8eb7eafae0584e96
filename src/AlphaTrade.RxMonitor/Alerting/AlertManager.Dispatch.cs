using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

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
#pragma warning disable CA1031 // A failing flush is reported; the group keeps its timer.
            catch (Exception ex)
#pragma warning restore CA1031
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
        _log.TryGetValue(logKey, out var log);
        if (NeedsUpdate(log, firing, resolved, receiver.SendResolved, group.Route.RepeatInterval, now))
        {
            var alerts = new List<Alert>(firing.Count + resolved.Count);
            alerts.AddRange(firing.OrderBy(static e => e.StartsAt).ThenBy(static e => e.Fingerprint).Select(static e => e.Snapshot()));
            if (receiver.SendResolved)
            {
                alerts.AddRange(resolved.OrderBy(static e => e.EndsAt).ThenBy(static e => e.Fingerprint).Select(static e => e.Snapshot()));
            }

            if (alerts.Count > 0)
            {
                Notify(receiver, group.Key, group.GroupLabels, alerts, NotificationKind.Group, now);
            }

            _log[logKey] = new NotificationLogEntry(
                firing.ToDictionary(static e => e.Fingerprint, static e => e.Severity),
                [.. resolved.Select(static e => e.Fingerprint)],
                now);
        }

        foreach (var entry in group.Alerts.Values.Where(static e => e.State == AlertState.Resolved).ToList())
        {
            group.Alerts.Remove(entry.Fingerprint);
            entry.Groups.Remove(group);
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

    private void Notify(ReceiverRuntime receiver, string groupKey, LabelSet groupLabels, IReadOnlyList<Alert> alerts, NotificationKind kind, DateTimeOffset now)
    {
        var notification = new AlertNotification
        {
            Id = Guid.NewGuid(),
            Receiver = receiver.Name,
            GroupKey = groupKey,
            GroupLabels = groupLabels,
            Kind = kind,
            Timestamp = now,
            Alerts = alerts,
        };
        _notifications++;
        try
        {
            _history.RecordNotification(notification);
        }
#pragma warning disable CA1031 // A failing history is reported; delivery goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _historyFailures++;
            _reporter.Report(PipelineComponent.AlertManager, receiver.Name, $"Recording notification {notification.Id} failed.", ex);
        }

        foreach (var sink in receiver.Sinks)
        {
            sink.TryEnqueue(notification);
        }

        foreach (var sink in _everyReceiverSinks)
        {
            sink.TryEnqueue(notification);
        }
    }
}
