using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
namespace AlphaTrade.RxMonitor.Alerting.Dispatch;

/// <summary>
/// What was last notified for each receiver and group (Alertmanager's <c>nflog</c>), per sink: what was queued to it,
/// what it accepted, and which notification is its latest in flight; plus the receiver's log, kept for a receiver
/// without sinks. After a restart each sink's entries are restored from what it accepted (<see cref="Restore"/>).
/// </summary>
/// <remarks>Guarded by the manager's lock.</remarks>
internal sealed class NotificationLog
{
    private readonly Dictionary<string, NotificationLogEntry> _receiverLog = new(StringComparer.Ordinal);
    private readonly Dictionary<(SinkChannel Sink, string LogKey), NotificationLogEntry> _sent = [];
    private readonly Dictionary<(SinkChannel Sink, string LogKey), NotificationLogEntry> _accepted = [];
    private readonly Dictionary<(SinkChannel Sink, string LogKey), Guid> _latest = [];

    /// <summary>How many entries the log holds (the receivers' and the sinks'); for tests of pruning.</summary>
    public int Count => _receiverLog.Count + _sent.Count + _accepted.Count + _latest.Count;

    public static string Key(string receiver, string groupKey) => receiver + "\u001f" + groupKey;

    /// <summary>Alertmanager's <c>DedupStage.needsUpdate</c>, plus: a firing alert whose severity changed counts as new.</summary>
    public static bool NeedsUpdate(NotificationLogEntry? log, List<AlertEntry> firing, List<AlertEntry> resolved, bool sendResolved, TimeSpan repeatInterval, DateTimeOffset now)
    {
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

    public NotificationLogEntry? ForReceiver(string logKey) => _receiverLog.GetValueOrDefault(logKey);

    public void SetForReceiver(string logKey, NotificationLogEntry entry) => _receiverLog[logKey] = entry;

    /// <summary>What a sink was last handed for a receiver's group (restored after a restart from what it accepted).</summary>
    public NotificationLogEntry? ForSink(SinkChannel sink, string logKey) => _sent.GetValueOrDefault((sink, logKey));

    /// <summary>
    /// The name a sink's deliveries are recorded under among a receiver's <paramref name="targets"/>: its own, and for the
    /// second, third… target with that name <c>name#2</c>, <c>name#3</c>… (Alertmanager keys its log by integration and index).
    /// </summary>
    public static string SinkName(IReadOnlyList<SinkChannel> targets, SinkChannel sink)
    {
        var name = sink.Sink.Name;
        var before = 0;
        foreach (var target in targets)
        {
            if (ReferenceEquals(target, sink))
            {
                break;
            }

            if (string.Equals(target.Sink.Name, name, StringComparison.Ordinal))
            {
                before++;
            }
        }

        return before == 0 ? name : name + "#" + (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Notes an entry as sent to a sink with nothing to deliver (no alert left to notify).</summary>
    public void MarkSent(SinkChannel sink, string logKey, NotificationLogEntry entry) => _sent[(sink, logKey)] = entry;

    /// <summary>Optimistic until the sink answers: the next flush does not repeat what is queued; a loss reverts it.</summary>
    public void MarkQueued(SinkChannel sink, string logKey, NotificationLogEntry entry, Guid notificationId)
    {
        _sent[(sink, logKey)] = entry;
        _latest[(sink, logKey)] = notificationId;
    }

    /// <summary>Applies a sink's answer to a queued notification.</summary>
    public void OnOutcome(SinkChannel sink, PendingDelivery pending, bool delivered)
    {
        var key = (sink, pending.LogKey);
        var latest = _latest.TryGetValue(key, out var id) && id == pending.Notification.Id;
        if (delivered)
        {
            _accepted[key] = pending.Log;
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
    }

    /// <summary>Whether every target accepted what it was last handed for the group (or was handed nothing).</summary>
    public bool AllAccepted(IEnumerable<SinkChannel> targets, string logKey) =>
        targets.All(s => !_sent.TryGetValue((s, logKey), out var log) || _accepted.TryGetValue((s, logKey), out var ok) && ReferenceEquals(log, ok));

    /// <summary>A notice (flapping stopped) told the receiver an alert's current state: log it so the next group flush does not repeat it.</summary>
    public void NoteCurrentState(string logKey, IEnumerable<SinkChannel> targets, AlertEntry entry, DateTimeOffset now)
    {
        _receiverLog[logKey] = WithCurrentState(_receiverLog.GetValueOrDefault(logKey), entry, now);
        foreach (var sink in targets)
        {
            if (_sent.TryGetValue((sink, logKey), out var sent))
            {
                _sent[(sink, logKey)] = WithCurrentState(sent, entry, now);
            }
        }
    }

    /// <summary>
    /// Takes the log from recorded group notifications (restart recovery); existing entries win. The receiver's log is
    /// its latest notification. Each sink of the receiver (<paramref name="targetsOf"/>, matched by <see cref="SinkName"/>)
    /// is taken to have accepted the latest notification it is recorded to have accepted; a sink with none takes the
    /// receiver's latest if that one has no recorded delivery at all (written before deliveries were recorded, or its
    /// delivery writes lost: heard by every sink, as before), and otherwise has no entry, so the next flush sends it the group.
    /// </summary>
    public void Restore(IEnumerable<AlertNotification> log, IEnumerable<DeliveredNotification> sinkLog, Func<string, IReadOnlyList<SinkChannel>?> targetsOf)
    {
        var accepted = new Dictionary<(string LogKey, string Sink), AlertNotification>();
        var delivered = new HashSet<Guid>();
        foreach (var entry in sinkLog.Where(static d => d.Notification.Kind == NotificationKind.Group))
        {
            accepted[(Key(entry.Notification.Receiver, entry.Notification.GroupKey), entry.Sink)] = entry.Notification;
            delivered.Add(entry.Notification.Id);
        }

        foreach (var notification in log.Where(static n => n.Kind == NotificationKind.Group))
        {
            var logKey = Key(notification.Receiver, notification.GroupKey);
            var receiverEntry = EntryOf(notification);
            _receiverLog.TryAdd(logKey, receiverEntry);
            if (targetsOf(notification.Receiver) is not { } targets)
            {
                continue;
            }

            foreach (var sink in targets)
            {
                var entry = accepted.TryGetValue((logKey, SinkName(targets, sink)), out var own) ? EntryOf(own)
                    : delivered.Contains(notification.Id) ? null
                    : receiverEntry;
                if (entry is not null && _sent.TryAdd((sink, logKey), entry))
                {
                    _accepted[(sink, logKey)] = entry;
                }
            }
        }
    }

    /// <summary>
    /// Forgets the entries of groups that are gone (not in <paramref name="live"/>) when older than
    /// <paramref name="cutoff"/> and nothing of theirs is in flight: a group that comes back starts with a new firing
    /// alert, which is notified with or without its old entry, so the log follows the live groups.
    /// </summary>
    public void Prune(DateTimeOffset cutoff, HashSet<string> live)
    {
        foreach (var key in _receiverLog.Where(e => e.Value.Timestamp < cutoff && !live.Contains(e.Key)).Select(static e => e.Key).ToList())
        {
            _receiverLog.Remove(key);
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

    /// <summary>Whether any entry belongs to a group not in <paramref name="live"/> (so a later sweep has something to prune).</summary>
    public bool HasEntriesOutside(HashSet<string> live) =>
        _receiverLog.Keys.Any(k => !live.Contains(k)) || _sent.Keys.Any(k => !live.Contains(k.LogKey)) || _accepted.Keys.Any(k => !live.Contains(k.LogKey));

    private static NotificationLogEntry EntryOf(AlertNotification notification) => new(
        notification.Alerts.Where(static a => a.State == AlertState.Firing).ToDictionary(static a => a.Fingerprint, static a => a.Severity),
        [.. notification.Alerts.Where(static a => a.State == AlertState.Resolved).Select(static a => a.Fingerprint)],
        notification.Timestamp);

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
}
