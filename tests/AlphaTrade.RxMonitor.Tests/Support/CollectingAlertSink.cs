using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>Keeps every notification it receives, in order.</summary>
/// <remarks>Thread-safe. <see cref="WaitForCountAsync"/> lets a test await deliveries without sleeping.</remarks>
internal sealed class CollectingAlertSink : IAlertSink
{
    private readonly Lock _gate = new();
    private readonly List<AlertNotification> _notifications = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];

    /// <summary>Creates the sink.</summary>
    /// <param name="name">The sink's name.</param>
    public CollectingAlertSink(string name = "collecting")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>A copy of the notifications received so far.</summary>
    public IReadOnlyList<AlertNotification> Notifications
    {
        get
        {
            lock (_gate)
            {
                return [.. _notifications];
            }
        }
    }

    /// <summary>How many notifications were received.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _notifications.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        List<TaskCompletionSource> done = [];
        lock (_gate)
        {
            _notifications.Add(notification);
            _waiters.RemoveAll(w =>
            {
                if (_notifications.Count >= w.Count)
                {
                    done.Add(w.Done);
                    return true;
                }

                return false;
            });
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when at least <paramref name="count"/> notifications have been received.</summary>
    /// <param name="count">The count to wait for.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the count is reached.</returns>
    public Task WaitForCountAsync(int count, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_notifications.Count >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }
}
