using System.Reactive.Concurrency;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>An <see cref="IScheduler"/> that counts the actions scheduled on it and runs them on an inner scheduler.</summary>
internal sealed class CountingScheduler(IScheduler inner) : IScheduler
{
    public int Scheduled { get; private set; }

    public DateTimeOffset Now => inner.Now;

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action)
    {
        Scheduled++;
        return inner.Schedule(state, (_, s) => action(this, s));
    }

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        Scheduled++;
        return inner.Schedule(state, dueTime, (_, s) => action(this, s));
    }

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        Scheduled++;
        return inner.Schedule(state, dueTime, (_, s) => action(this, s));
    }
}
