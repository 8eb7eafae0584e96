using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// The alert manager's one lock and the scheduler its parts' timers run on: every event, API call and timer of the
/// store, silencer, dispatcher and retention runs under <see cref="Lock"/>, so the parts share no other guard.
/// </summary>
/// <remarks>Nothing under the lock blocks or does I/O; sinks run on their own consumers.</remarks>
internal sealed class AlertingGate(IScheduler scheduler)
{
    /// <summary>The shortest delay of a timer: an immediate scheduler must not run a timer inside its caller, mid-update.</summary>
    private static readonly TimeSpan MinimumDelay = TimeSpan.FromTicks(1);

    public Lock Lock { get; } = new();

    public IScheduler Scheduler { get; } = scheduler;

    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>Set once under the lock when the manager stops: timers that fire afterwards do nothing.</summary>
    public bool Stopped { get; set; }

    /// <summary>Runs <paramref name="action"/> after <paramref name="due"/> (at least one tick) under the lock, unless stopped by then.</summary>
    public IDisposable Schedule<TState>(TState state, TimeSpan due, Action<TState> action) =>
        Scheduler.Schedule((Gate: this, State: state, Action: action), due > TimeSpan.Zero ? due : MinimumDelay, static (_, timer) =>
        {
            lock (timer.Gate.Lock)
            {
                if (!timer.Gate.Stopped)
                {
                    timer.Action(timer.State);
                }
            }

            return Disposable.Empty;
        });
}
