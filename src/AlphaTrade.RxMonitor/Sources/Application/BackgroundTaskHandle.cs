using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>A registered background task: it reports heartbeats and run outcomes here. Dispose to unregister.</summary>
/// <remarks>Thread-safe; each call takes a short lock and allocates nothing (a failure keeps its exception's message).</remarks>
public sealed class BackgroundTaskHandle : IDisposable
{
    private readonly BackgroundTaskMonitor _monitor;
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private readonly SeriesKey[] _keys;
    private long _lastHeartbeat;
    private long _lastSuccess = -1;
    private long _lastFailure = -1;
    private string? _lastError;
    private long _runs;
    private long _failures;
    private long _consecutiveFailures;

    internal BackgroundTaskHandle(BackgroundTaskMonitor monitor, string name, TimeSpan expectedInterval, TimeProvider timeProvider)
    {
        _monitor = monitor;
        _timeProvider = timeProvider;
        Name = name;
        ExpectedInterval = expectedInterval;
        _lastHeartbeat = timeProvider.GetUtcNow().UtcTicks;
        var label = new Label("task", name);
        _keys =
        [
            SeriesKey.Create(ApplicationMetricNames.BackgroundTaskStatus, label),
            SeriesKey.Create(ApplicationMetricNames.BackgroundTaskHeartbeatAgeSeconds, label),
            SeriesKey.Create(ApplicationMetricNames.BackgroundTaskMissedHeartbeats, label),
            SeriesKey.Create(ApplicationMetricNames.BackgroundTaskRunsTotal, label),
            SeriesKey.Create(ApplicationMetricNames.BackgroundTaskFailuresTotal, label),
            SeriesKey.Create(ApplicationMetricNames.BackgroundTaskConsecutiveFailures, label),
            SeriesKey.Create(ApplicationMetricNames.BackgroundTaskLastSuccessAgeSeconds, label),
        ];
    }

    /// <summary>The task name (the <c>task</c> label).</summary>
    public string Name { get; }

    /// <summary>How often the task promised a heartbeat.</summary>
    public TimeSpan ExpectedInterval { get; }

    /// <summary>Says the task is alive (call at least once per <see cref="ExpectedInterval"/>).</summary>
    public void Heartbeat()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            _lastHeartbeat = now;
        }
    }

    /// <summary>Reports a successful run (also a heartbeat).</summary>
    public void ReportSuccess()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            _lastHeartbeat = now;
            _lastSuccess = now;
            _runs++;
            _consecutiveFailures = 0;
        }
    }

    /// <summary>Reports a failed run (also a heartbeat: the task is alive, its work failed).</summary>
    /// <param name="error">The failure, if there is an exception.</param>
    public void ReportFailure(Exception? error = null)
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            _lastHeartbeat = now;
            _lastFailure = now;
            _lastError = error?.Message;
            _runs++;
            _failures++;
            _consecutiveFailures++;
        }
    }

    /// <summary>Unregisters the task: its series stop.</summary>
    public void Dispose() => _monitor.Unregister(this);

    internal BackgroundTaskStatus Status(long now)
    {
        lock (_gate)
        {
            var missed = Missed(now);
            var state = StateOf(missed);
            return new BackgroundTaskStatus(
                Name,
                state,
                ExpectedInterval,
                At(_lastHeartbeat)!.Value,
                At(_lastSuccess),
                At(_lastFailure),
                _lastError,
                _runs,
                _failures,
                _consecutiveFailures,
                missed);
        }
    }

    internal void Emit(long now, IObserver<MetricSample> observer)
    {
        lock (_gate)
        {
            var missed = Missed(now);
            var state = StateOf(missed);
            observer.OnNext(new MetricSample(_keys[0], now, (int)state));
            observer.OnNext(new MetricSample(_keys[1], now, Seconds(now - _lastHeartbeat)));
            observer.OnNext(new MetricSample(_keys[2], now, missed));
            observer.OnNext(new MetricSample(_keys[3], now, _runs));
            observer.OnNext(new MetricSample(_keys[4], now, _failures));
            observer.OnNext(new MetricSample(_keys[5], now, _consecutiveFailures));
            if (_lastSuccess >= 0)
            {
                observer.OnNext(new MetricSample(_keys[6], now, Seconds(now - _lastSuccess)));
            }
        }
    }

    private static double Seconds(long ticks) => Math.Max(0, ticks / (double)TimeSpan.TicksPerSecond);

    private static DateTimeOffset? At(long ticks) => ticks < 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    private BackgroundTaskState StateOf(long missed) =>
        missed > 0 ? BackgroundTaskState.Late
        : _consecutiveFailures > 0 ? BackgroundTaskState.Failed
        : BackgroundTaskState.Healthy;

    private long Missed(long now) => Math.Max(0, (now - _lastHeartbeat) / ExpectedInterval.Ticks);
}
