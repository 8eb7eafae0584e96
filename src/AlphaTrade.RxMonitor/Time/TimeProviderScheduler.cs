using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace AlphaTrade.RxMonitor.Time;

/// <summary>
/// An Rx <see cref="IScheduler"/> whose clock and timers are those of a <see cref="TimeProvider"/>:
/// the way back across the time bridge, for code that is handed a <see cref="TimeProvider"/> (for
/// example a <c>FakeTimeProvider</c> or the host's) and must run Rx time operators on it.
/// </summary>
/// <remarks>
/// Immediate work runs on the calling thread through a trampoline, so recursive scheduling does not grow
/// the stack; delayed work runs on the provider's timer callbacks. Disposing the returned handle cancels
/// work that has not started yet.
/// </remarks>
public sealed class TimeProviderScheduler : LocalScheduler
{
    /// <summary>Creates a scheduler over <paramref name="timeProvider"/>.</summary>
    /// <param name="timeProvider">The provider that supplies the clock and the timers.</param>
    public TimeProviderScheduler(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
    }

    /// <summary>The time provider this scheduler reads its time from.</summary>
    public TimeProvider TimeProvider { get; }

    /// <inheritdoc />
    public override DateTimeOffset Now => TimeProvider.GetUtcNow();

    /// <inheritdoc />
    public override IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var due = Scheduler.Normalize(dueTime);
        if (due == TimeSpan.Zero)
        {
            return CurrentThreadScheduler.Instance.Schedule(state, (_, s) => action(this, s));
        }

        var work = new SingleAssignmentDisposable();
        var timer = TimeProvider.CreateTimer(
            _ =>
            {
                if (!work.IsDisposed)
                {
                    work.Disposable = action(this, state);
                }
            },
            null,
            due,
            Timeout.InfiniteTimeSpan);
        return new CompositeDisposable(timer, work);
    }
}
