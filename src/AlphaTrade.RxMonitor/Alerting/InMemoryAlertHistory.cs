namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>An <see cref="IAlertHistory"/> kept in memory, bounded in size: the default history and the reference for others.</summary>
/// <remarks>
/// Holds at most <see cref="Capacity"/> transitions, as many notifications and as many deliveries; when full the oldest entry is
/// evicted (and counted in <see cref="Evicted"/>). Recording takes a short lock and never blocks on I/O.
/// Thread-safe. Nothing survives a restart: use the SQLite history for that.
/// </remarks>
public sealed class InMemoryAlertHistory : IAlertHistory
{
    private readonly Lock _gate = new();
    private readonly Queue<AlertTransition> _transitions = new();
    private readonly Queue<AlertNotification> _notifications = new();
    private readonly Queue<NotificationDelivery> _deliveries = new();
    private readonly Dictionary<string, Silence> _silences = new(StringComparer.Ordinal);
    private long _evicted;

    /// <summary>Creates a history.</summary>
    /// <param name="capacity">The most transitions (and, separately, notifications and deliveries) kept; default 100 000.</param>
    public InMemoryAlertHistory(int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>The most transitions (and, separately, notifications and deliveries) kept.</summary>
    public int Capacity { get; }

    /// <summary>How many entries were evicted because the history was full.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <inheritdoc />
    public void RecordTransition(AlertTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        lock (_gate)
        {
            Add(_transitions, transition);
        }
    }

    /// <inheritdoc />
    public void RecordNotification(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        lock (_gate)
        {
            Add(_notifications, notification);
        }
    }

    /// <inheritdoc />
    public void RecordDelivery(NotificationDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        lock (_gate)
        {
            Add(_deliveries, delivery);
        }
    }

    /// <inheritdoc />
    public void RecordSilence(Silence silence)
    {
        ArgumentNullException.ThrowIfNull(silence);
        lock (_gate)
        {
            if (!_silences.TryGetValue(silence.Id, out var existing) || existing.UpdatedAt <= silence.UpdatedAt)
            {
                _silences[silence.Id] = silence;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AlertTransition>> QueryTransitionsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(Newest(_transitions.Where(query.Matches), query.Limit));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<AlertNotification>> QueryNotificationsAsync(AlertHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(Newest(_notifications.Where(query.Matches), query.Limit));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<NotificationDelivery>> QueryDeliveriesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new([.. _deliveries]);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Silence>> QuerySilencesAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new([.. _silences.Values.OrderBy(static s => s.StartsAt).ThenBy(static s => s.Id, StringComparer.Ordinal)]);
        }
    }

    /// <inheritdoc />
    /// <remarks>One pass over the held entries under the lock, without copying them.</remarks>
    public ValueTask<RecoveredAlertState> LoadRecoveryStateAsync(DateTimeOffset asOf, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return new(RecoveredAlertState.From(_transitions, _notifications, _deliveries, _silences.Values, asOf));
        }
    }

    /// <inheritdoc />
    public ValueTask<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var deleted = RemoveOlder(_transitions, t => t.Timestamp < cutoff);
            var notificationsDeleted = new HashSet<Guid>();
            while (_notifications.Count > 0 && _notifications.Peek().Timestamp < cutoff)
            {
                notificationsDeleted.Add(_notifications.Dequeue().Id);
            }

            deleted += notificationsDeleted.Count;
            deleted += RemoveDeliveries(d => d.At < cutoff || notificationsDeleted.Contains(d.NotificationId));
            foreach (var id in _silences.Values.Where(s => s.EndsAt < cutoff).Select(static s => s.Id).ToList())
            {
                _silences.Remove(id);
                deleted++;
            }

            return new(deleted);
        }
    }

    private void Add<T>(Queue<T> queue, T entry)
    {
        if (queue.Count == Capacity)
        {
            queue.Dequeue();
            Interlocked.Increment(ref _evicted);
        }

        queue.Enqueue(entry);
    }

    private static List<T> Newest<T>(IEnumerable<T> matches, int limit)
    {
        var newest = new Queue<T>();
        foreach (var entry in matches)
        {
            if (newest.Count == limit)
            {
                newest.Dequeue();
            }

            newest.Enqueue(entry);
        }

        return [.. newest];
    }

    /// <summary>Removes the deliveries <paramref name="remove"/> picks wherever they sit (a notification's sinks may accept it long after it was sent).</summary>
    private int RemoveDeliveries(Func<NotificationDelivery, bool> remove)
    {
        var kept = _deliveries.Where(d => !remove(d)).ToList();
        var removed = _deliveries.Count - kept.Count;
        if (removed > 0)
        {
            _deliveries.Clear();
            foreach (var delivery in kept)
            {
                _deliveries.Enqueue(delivery);
            }
        }

        return removed;
    }

    private static int RemoveOlder<T>(Queue<T> queue, Func<T, bool> older)
    {
        // Entries arrive in time order, so the old ones sit at the front; a late-stamped entry behind a
        // newer one is kept until the next cleanup, which is the cheap and safe side.
        var removed = 0;
        while (queue.Count > 0 && older(queue.Peek()))
        {
            queue.Dequeue();
            removed++;
        }

        return removed;
    }
}
