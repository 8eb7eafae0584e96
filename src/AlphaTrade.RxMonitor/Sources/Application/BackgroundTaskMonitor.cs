using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>Watches registered background tasks: heartbeats, run outcomes and status, as series and snapshots.</summary>
/// <remarks>
/// <para>
/// A task registers with the heartbeat interval it promises and reports <see cref="BackgroundTaskHandle.Heartbeat"/>,
/// <see cref="BackgroundTaskHandle.ReportSuccess"/> or <see cref="BackgroundTaskHandle.ReportFailure"/>. A task
/// is late once a whole interval passes without a heartbeat (counted in <c>background_task_missed_heartbeats</c>),
/// failed when its last run failed. Series per task (label <c>task</c>): see <see cref="ApplicationMetricNames"/>.
/// </para>
/// <para>Thread-safe. Time comes from the injected <see cref="TimeProvider"/>.</para>
/// </remarks>
public sealed class BackgroundTaskMonitor : IMetricSource
{
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private BackgroundTaskHandle[] _tasks = [];

    /// <summary>Creates the monitor.</summary>
    /// <param name="timeProvider">The clock for heartbeats and ages.</param>
    public BackgroundTaskMonitor(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public string Name => "background-tasks";

    /// <summary>Registers a task.</summary>
    /// <param name="name">A unique task name.</param>
    /// <param name="expectedInterval">How often the task will send a heartbeat; positive.</param>
    /// <returns>The handle the task reports through; dispose it to unregister.</returns>
    /// <exception cref="ArgumentException">The name is empty or already registered.</exception>
    public BackgroundTaskHandle Register(string name, TimeSpan expectedInterval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(expectedInterval, TimeSpan.Zero);
        lock (_gate)
        {
            if (_tasks.Any(t => t.Name == name))
            {
                throw new ArgumentException($"A background task named '{name}' is already registered.", nameof(name));
            }

            var handle = new BackgroundTaskHandle(this, name, expectedInterval, _timeProvider);
            _tasks = [.. _tasks, handle];
            return handle;
        }
    }

    /// <summary>The status of every registered task, now.</summary>
    /// <returns>A snapshot, in registration order.</returns>
    public IReadOnlyList<BackgroundTaskStatus> GetStatuses()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        return [.. Volatile.Read(ref _tasks).Select(t => t.Status(now))];
    }

    /// <inheritdoc />
    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        foreach (var task in Volatile.Read(ref _tasks))
        {
            task.Emit(timestampTicks, observer);
        }
    }

    internal void Unregister(BackgroundTaskHandle handle)
    {
        lock (_gate)
        {
            _tasks = [.. _tasks.Where(t => !ReferenceEquals(t, handle))];
        }
    }
}
