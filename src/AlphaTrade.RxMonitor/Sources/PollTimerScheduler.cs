using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>
/// The scheduler of sources that are producers: every poll, the first one too, runs on a timer callback of the
/// time provider (a thread-pool thread for the system clock), never on the caller's thread or the ingest loop.
/// </summary>
/// <remarks>A source's polls never overlap (its poller re-arms after each poll), and a poll that blocks holds only its own callback.</remarks>
internal sealed class PollTimerScheduler(TimeProvider timeProvider) : LocalScheduler
{
    public override DateTimeOffset Now => timeProvider.GetUtcNow();

    public override IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var work = new SingleAssignmentDisposable();
        var timer = timeProvider.CreateTimer(
            _ =>
            {
                if (!work.IsDisposed)
                {
                    work.Disposable = action(this, state);
                }
            },
            null,
            Scheduler.Normalize(dueTime),
            Timeout.InfiniteTimeSpan);
        return new CompositeDisposable(timer, work);
    }
}
