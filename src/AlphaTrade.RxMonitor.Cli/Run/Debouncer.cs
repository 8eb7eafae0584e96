namespace AlphaTrade.RxMonitor.Cli.Run;

/// <summary>Calls an action once a burst of signals has been quiet for a while: each signal re-arms one timer.</summary>
/// <remarks>
/// Thread-safe: signals may come from any thread (file-system events); the action runs on a timer thread of
/// <see cref="TimeProvider"/>, once per quiet period, never twice at once for one debouncer.
/// </remarks>
internal sealed class Debouncer : IDisposable
{
    private readonly Lock _gate = new();
    private readonly TimeSpan _quiet;
    private readonly Action _action;
    private readonly ITimer _timer;
    private bool _disposed;

    /// <summary>Creates the debouncer.</summary>
    /// <param name="time">The clock of the timer.</param>
    /// <param name="quiet">How long after the last signal the action runs.</param>
    /// <param name="action">What to run.</param>
    public Debouncer(TimeProvider time, TimeSpan quiet, Action action)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(quiet, TimeSpan.Zero);
        _quiet = quiet;
        _action = action;
        _timer = time.CreateTimer(static state => ((Debouncer)state!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Something happened: the action runs when nothing else happens for the quiet period.</summary>
    public void Signal()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
        }

        _action();
    }
}
