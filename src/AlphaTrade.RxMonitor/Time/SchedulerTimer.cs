using System.Reactive.Concurrency;

namespace AlphaTrade.RxMonitor.Time;

/// <summary>An <see cref="ITimer"/> that schedules its callback on an <see cref="IScheduler"/>.</summary>
/// <remarks>
/// One scheduled item at a time: a periodic timer re-arms itself after each tick, so a timer costs one
/// pending scheduler item however long it lives. <see cref="Change"/> and <see cref="Dispose"/> are
/// thread-safe and cancel the pending item.
/// </remarks>
internal sealed class SchedulerTimer : ITimer
{
    private readonly IScheduler _scheduler;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private readonly Lock _gate = new();
    private IDisposable? _pending;
    private TimeSpan _period;
    private long _generation;
    private bool _disposed;

    public SchedulerTimer(IScheduler scheduler, TimerCallback callback, object? state)
    {
        _scheduler = scheduler;
        _callback = callback;
        _state = state;
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        ThrowIfInvalid(dueTime, nameof(dueTime));
        ThrowIfInvalid(period, nameof(period));
        lock (_gate)
        {
            if (_disposed)
            {
                return false;
            }

            _pending?.Dispose();
            _pending = null;
            _period = period;
            var generation = ++_generation;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _pending = _scheduler.Schedule(generation, dueTime, Fire);
            }

            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _generation++;
            _pending?.Dispose();
            _pending = null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private IDisposable Fire(IScheduler scheduler, long generation)
    {
        lock (_gate)
        {
            // A tick scheduled before the last Change or Dispose is stale: drop it.
            if (_disposed || generation != _generation)
            {
                return System.Reactive.Disposables.Disposable.Empty;
            }

            _pending = _period > TimeSpan.Zero ? scheduler.Schedule(generation, _period, Fire) : null;
        }

        _callback(_state);
        return System.Reactive.Disposables.Disposable.Empty;
    }

    private static void ThrowIfInvalid(TimeSpan value, string name)
    {
        if (value != Timeout.InfiniteTimeSpan && value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }
    }
}
