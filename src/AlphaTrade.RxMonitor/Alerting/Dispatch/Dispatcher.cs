using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
namespace AlphaTrade.RxMonitor.Alerting.Dispatch;

/// <summary>
/// Routes firing alerts through the route tree into aggregation groups and flushes each group on its timers
/// (Alertmanager's <c>dispatch.Dispatcher</c> and <c>aggrGroup</c>): group wait, group interval, repeat interval,
/// de-duplication against the <see cref="NotificationLog"/>, and delivery to the receivers' sinks.
/// </summary>
/// <remarks>
/// Guarded by the manager's lock; group timers run under it through the <see cref="AlertingGate"/>. A group
/// notification is logged and recorded in history only once a sink accepted it, and each sink that accepts it is
/// recorded as a delivery (so a restart restores each sink's log); a lost one is owed and sent again.
/// </remarks>
internal sealed class Dispatcher(AlertingGate gate, RouteNode root, ReceiverSet receivers, AlertHistoryRecorder recorder, FailureReporter reporter)
{
    private readonly Dictionary<string, AggregationGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, PendingDelivery> _inFlight = [];
    private readonly Dictionary<AlertEntry, AlertRouting> _routing = [];
    private readonly NotificationLog _log = new();
    private readonly List<RouteNode> _routeScratch = [];

    public int GroupCount => _groups.Count;

    public long Notifications { get; private set; }

    public int NotificationLogEntries => _log.Count;

    /// <summary>The receivers the route tree sends an alert with these labels to (the tree never changes, so no lock is needed).</summary>
    public IReadOnlyList<string> ReceiversOf(LabelSet labels)
    {
        var routes = new List<RouteNode>();
        root.Match(labels, routes);
        return [.. routes.Select(static r => r.Receiver).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Puts a firing (or restored resolved) alert into the groups of its routes and arms their flushes.</summary>
    public void Route(AlertEntry entry)
    {
        var routing = RoutingOf(entry);
        var routes = routing.Routes;
        if (routes is null || !ReferenceEquals(routing.MatchedOn, entry.MatchLabels))
        {
            routes = Rematch(routing, entry);
            for (var i = routing.Groups.Count - 1; i >= 0; i--)
            {
                var group = routing.Groups[i];
                if (!routes.Contains(group.Route))
                {
                    group.Alerts.Remove(entry.Fingerprint);
                    routing.Groups.RemoveAt(i);
                }
            }
        }

        var now = gate.Now;
        foreach (var route in routes)
        {
            var group = FindGroup(routing, route);
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
                routing.Groups.Add(group);
            }

            // Alertmanager: a new group waits groupWait, unless the alert is older than that already (flush at once).
            var overdue = !group.HasFlushed && entry.StartsAt + route.GroupWait <= now;
            if (group.Timer is null || overdue)
            {
                ScheduleFlush(group, overdue ? TimeSpan.Zero : route.GroupWait);
            }
        }
    }

    /// <summary>Sends a flapping-started or -stopped notice for a firing or resolved, unsuppressed alert to each of its routes' receivers at once.</summary>
    public void NotifyFlapping(AlertEntry entry, bool started)
    {
        if (entry.IsSuppressed || entry.State == AlertState.Pending)
        {
            return;
        }

        var routes = RoutesOf(entry);
        var now = gate.Now;
        var snapshot = entry.Snapshot();
        foreach (var route in routes)
        {
            var receiver = receivers[route.Receiver];
            if (entry.State == AlertState.Resolved && !receiver.SendResolved)
            {
                continue;
            }

            var groupLabels = route.GroupLabels(entry.MatchLabels);
            var groupKey = route.Key + ":" + groupLabels;
            var notification = NewNotification(receiver, groupKey, groupLabels, [snapshot], started ? NotificationKind.FlappingStarted : NotificationKind.FlappingStopped, now);
            recorder.RecordNotification(notification);
            var targets = receivers.Targets(receiver);
            foreach (var sink in targets)
            {
                sink.TryEnqueue(notification);
            }

            if (!started)
            {
                _log.NoteCurrentState(NotificationLog.Key(receiver.Name, groupKey), targets, entry, now);
            }
        }
    }

    /// <summary>A sink's answer to a notification, on its consumer thread (takes the lock).</summary>
    public void OnDeliveryOutcome(SinkChannel sink, AlertNotification notification, bool delivered)
    {
        if (notification.Kind != NotificationKind.Group)
        {
            return;
        }

        lock (gate.Lock)
        {
            if (_inFlight.TryGetValue(notification.Id, out var pending))
            {
                OnDeliveryOutcomeLocked(sink, pending, delivered);
            }
        }
    }

    /// <summary>Takes the notification log from the recorded notifications and deliveries (restart recovery).</summary>
    public void RestoreLog(RecoveredAlertState state) => _log.Restore(
        state.NotificationLog,
        state.SinkLog,
        name => receivers.Names.Contains(name) ? receivers.Targets(receivers[name]) : null);

    /// <summary>Forgets the log of gone groups older than <paramref name="cutoff"/>.</summary>
    public void PruneLog(DateTimeOffset cutoff) => _log.Prune(cutoff, LiveLogKeys());

    /// <summary>Whether the log holds entries of gone groups (which a later sweep prunes).</summary>
    public bool HasLogOfGoneGroups() => _log.HasEntriesOutside(LiveLogKeys());

    /// <summary>Whether a group still holds the alert (it must not be forgotten: the group owes or holds its notification).</summary>
    public bool IsGrouped(AlertEntry entry) => _routing.TryGetValue(entry, out var routing) && routing.Groups.Count > 0;

    /// <summary>Forgets the routing of an alert the store forgot.</summary>
    public void Forget(AlertEntry entry) => _routing.Remove(entry);

    public void Stop()
    {
        foreach (var group in _groups.Values)
        {
            group.Timer?.Dispose();
        }
    }

    private AlertRouting RoutingOf(AlertEntry entry)
    {
        if (!_routing.TryGetValue(entry, out var routing))
        {
            _routing[entry] = routing = new AlertRouting();
        }

        return routing;
    }

    /// <summary>The alert's routes for its current labels, for a notice; matched (not re-grouped) when unknown or stale.</summary>
    private List<RouteNode> RoutesOf(AlertEntry entry)
    {
        var routing = RoutingOf(entry);
        return routing.Routes is { } routes && ReferenceEquals(routing.MatchedOn, entry.MatchLabels) ? routes : Rematch(routing, entry);
    }

    private List<RouteNode> Rematch(AlertRouting routing, AlertEntry entry)
    {
        _routeScratch.Clear();
        root.Match(entry.MatchLabels, _routeScratch);
        routing.MatchedOn = entry.MatchLabels;
        return routing.Routes = [.. _routeScratch];
    }

    private static AggregationGroup? FindGroup(AlertRouting routing, RouteNode route)
    {
        foreach (var group in routing.Groups)
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
        group.Timer = gate.Schedule((Dispatcher: this, Group: group), due, static state => state.Dispatcher.Flush(state.Group));
    }

    private void Flush(AggregationGroup group)
    {
        if (!IsCurrent(group))
        {
            return;
        }

        try
        {
            FlushGroup(group);
        }
        // A failing flush is reported; the group keeps its timer.
        catch (Exception ex)
        {
            reporter.Report(PipelineComponent.AlertManager, group.Route.Receiver, $"Flushing group {group.Key} failed.", ex);
            ScheduleFlush(group, group.Route.GroupInterval);
        }
    }

    private void FlushGroup(AggregationGroup group)
    {
        var now = gate.Now;
        group.HasFlushed = true;
        var receiver = receivers[group.Route.Receiver];
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

        var logKey = NotificationLog.Key(receiver.Name, group.Key);
        var entryForLog = new NotificationLogEntry(
            firing.ToDictionary(static e => e.Fingerprint, static e => e.Severity),
            [.. resolved.Select(static e => e.Fingerprint)],
            now);
        var targets = receivers.Targets(receiver);
        var settled = !HasInFlight(group);
        if (targets.Count == 0)
        {
            LogWithoutSinks(receiver, group, logKey, entryForLog, firing, resolved, now);
        }
        else
        {
            settled &= !Deliver(receiver, group, logKey, entryForLog, targets, firing, resolved, now);
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

    /// <summary>A receiver without sinks: what would have been notified is recorded, and its log kept, at once.</summary>
    private void LogWithoutSinks(Receiver receiver, AggregationGroup group, string logKey, NotificationLogEntry entryForLog, List<AlertEntry> firing, List<AlertEntry> resolved, DateTimeOffset now)
    {
        if (!NotificationLog.NeedsUpdate(_log.ForReceiver(logKey), firing, resolved, receiver.SendResolved, group.Route.RepeatInterval, now))
        {
            return;
        }

        var alerts = GroupAlerts(firing, resolved, receiver.SendResolved);
        if (alerts.Count > 0)
        {
            recorder.RecordNotification(NewNotification(receiver, group.Key, group.GroupLabels, alerts, NotificationKind.Group, now));
        }

        _log.SetForReceiver(logKey, entryForLog);
    }

    /// <summary>Queues the group's notification to each sink whose log needs it; <see langword="true"/> when one is now in flight.</summary>
    private bool Deliver(Receiver receiver, AggregationGroup group, string logKey, NotificationLogEntry entryForLog, List<SinkChannel> targets, List<AlertEntry> firing, List<AlertEntry> resolved, DateTimeOffset now)
    {
        var sending = targets.Where(sink => NotificationLog.NeedsUpdate(_log.ForSink(sink, logKey), firing, resolved, receiver.SendResolved, group.Route.RepeatInterval, now)).ToList();
        if (sending.Count == 0)
        {
            return false;
        }

        var alerts = GroupAlerts(firing, resolved, receiver.SendResolved);
        if (alerts.Count == 0)
        {
            foreach (var sink in sending)
            {
                _log.MarkSent(sink, logKey, entryForLog);
            }

            return false;
        }

        var notification = NewNotification(receiver, group.Key, group.GroupLabels, alerts, NotificationKind.Group, now);
        var pending = new PendingDelivery(notification, entryForLog, group, logKey, sending.Count);
        _inFlight[notification.Id] = pending;
        foreach (var sink in sending)
        {
            _log.MarkQueued(sink, logKey, entryForLog, notification.Id);
            if (!sink.TryEnqueue(notification))
            {
                OnDeliveryOutcomeLocked(sink, pending, delivered: false);
            }
        }

        return true;
    }

    private void OnDeliveryOutcomeLocked(SinkChannel sink, PendingDelivery pending, bool delivered)
    {
        _log.OnOutcome(sink, pending, delivered);
        if (delivered)
        {
            if (pending.Accepted++ == 0)
            {
                recorder.RecordNotification(pending.Notification);
            }

            var targets = receivers.Targets(receivers[pending.Group.Route.Receiver]);
            recorder.RecordDelivery(new NotificationDelivery(pending.Notification.Id, NotificationLog.SinkName(targets, sink), gate.Now));
        }

        if (--pending.Remaining > 0)
        {
            return;
        }

        _inFlight.Remove(pending.Notification.Id);
        var group = pending.Group;
        if (pending.Accepted == pending.Targets && !gate.Stopped && !HasInFlight(group) && IsCurrent(group)
            && _log.AllAccepted(receivers.Targets(receivers[group.Route.Receiver]), pending.LogKey))
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

    private bool IsCurrent(AggregationGroup group) => _groups.TryGetValue(group.Key, out var current) && ReferenceEquals(current, group);

    private bool HasInFlight(AggregationGroup group) => _inFlight.Values.Any(p => ReferenceEquals(p.Group, group));

    private void PruneResolved(AggregationGroup group)
    {
        foreach (var entry in group.Alerts.Values.Where(static e => e.State == AlertState.Resolved).ToList())
        {
            group.Alerts.Remove(entry.Fingerprint);
            _routing[entry].Groups.Remove(group);
        }
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

    private AlertNotification NewNotification(Receiver receiver, string groupKey, LabelSet groupLabels, IReadOnlyList<Alert> alerts, NotificationKind kind, DateTimeOffset now)
    {
        Notifications++;
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

    private HashSet<string> LiveLogKeys() => [.. _groups.Values.Select(static g => NotificationLog.Key(g.Route.Receiver, g.Key))];
}
