using System.Reactive.Concurrency;

namespace AlphaTrade.RxMonitor.Time;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock and timers are those of an Rx <see cref="IScheduler"/>.
/// </summary>
/// <remarks>
/// <para>
/// This is the bridge that lets one scheduler drive a whole pipeline: Rx operators run on the scheduler
/// itself, while code written against <see cref="TimeProvider"/> — <c>Task.Delay(delay, provider)</c>,
/// <c>new CancellationTokenSource(delay, provider)</c>, <c>new PeriodicTimer(period, provider)</c> and
/// <see cref="TimeProvider.CreateTimer"/> — gets its time and its timers from the same scheduler. Under a
/// <c>TestScheduler</c> every one of them advances only when the test advances virtual time.
/// </para>
/// <para>
/// Timestamps are the scheduler's <see cref="IScheduler.Now"/> in ticks, so
/// <see cref="TimeProvider.GetElapsedTime(long)"/> measures scheduler time. The local time zone is UTC:
/// monitoring time is always UTC. Timer callbacks run on the scheduler; an exception thrown by a callback
/// propagates to the scheduler exactly as it would for any other scheduled action.
/// </para>
/// </remarks>
public sealed class SchedulerTimeProvider : TimeProvider
{
    /// <summary>Creates a time provider over <paramref name="scheduler"/>.</summary>
    /// <param name="scheduler">The scheduler that supplies the clock and runs the timers.</param>
    public SchedulerTimeProvider(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Scheduler = scheduler;
    }

    /// <summary>The scheduler this provider reads its time from.</summary>
    public IScheduler Scheduler { get; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Scheduler.Now.ToUniversalTime();

    /// <inheritdoc />
    public override long GetTimestamp() => Scheduler.Now.UtcTicks;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new SchedulerTimer(Scheduler, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }
}
