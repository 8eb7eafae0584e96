using System.Reactive.Concurrency;

namespace AlphaTrade.RxMonitor.Time;

/// <summary>Conversions across the time bridge between <see cref="IScheduler"/> and <see cref="TimeProvider"/>.</summary>
public static class TimeBridgeExtensions
{
    /// <summary>
    /// The <see cref="TimeProvider"/> view of <paramref name="scheduler"/>. A scheduler that is itself a
    /// bridge over a time provider returns that provider, so a round trip adds no layer.
    /// </summary>
    /// <param name="scheduler">The scheduler that supplies time.</param>
    /// <returns>A time provider whose clock and timers are the scheduler's.</returns>
    public static TimeProvider AsTimeProvider(this IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        return scheduler is TimeProviderScheduler bridge ? bridge.TimeProvider : new SchedulerTimeProvider(scheduler);
    }

    /// <summary>
    /// The <see cref="IScheduler"/> view of <paramref name="timeProvider"/>. A provider that is itself a
    /// bridge over a scheduler returns that scheduler, so a round trip adds no layer.
    /// </summary>
    /// <param name="timeProvider">The time provider that supplies time.</param>
    /// <returns>A scheduler whose clock and timers are the provider's.</returns>
    public static IScheduler AsScheduler(this TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        return timeProvider is SchedulerTimeProvider bridge ? bridge.Scheduler : new TimeProviderScheduler(timeProvider);
    }
}
