using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Time;

public sealed class TimeProviderSchedulerTests
{
    [Fact]
    public void Now_IsTheTimeProvidersTime()
    {
        var source = new TestScheduler();
        source.AdvanceTo(TimeSpan.FromHours(1).Ticks);
        var scheduler = new TimeProviderScheduler(new SchedulerTimeProvider(source));

        Assert.Equal(source.Now, scheduler.Now);
    }

    [Fact]
    public void Schedule_Delayed_RunsWhenTheProvidersTimerFires()
    {
        var source = new TestScheduler();
        var scheduler = new TimeProviderScheduler(new SchedulerTimeProvider(source));
        var ran = false;

        scheduler.Schedule(TimeSpan.FromSeconds(5), () => ran = true);
        source.AdvanceBy(TimeSpan.FromSeconds(5).Ticks - 1);
        var beforeDue = ran;
        source.AdvanceBy(1);

        Assert.False(beforeDue);
        Assert.True(ran);
    }

    [Fact]
    public void Schedule_DisposedBeforeDue_NeverRuns()
    {
        var source = new TestScheduler();
        var scheduler = new TimeProviderScheduler(new SchedulerTimeProvider(source));
        var ran = false;

        scheduler.Schedule(TimeSpan.FromSeconds(5), () => ran = true).Dispose();
        source.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        Assert.False(ran);
    }

    [Fact]
    public void RxTimeOperator_OnBridgedScheduler_FollowsTheProvider()
    {
        var source = new TestScheduler();
        var scheduler = new TimeProviderScheduler(new SchedulerTimeProvider(source));
        var values = new List<long>();

        using var subscription = Observable.Interval(TimeSpan.FromSeconds(1), scheduler).Take(3).Subscribe(values.Add);
        source.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        Assert.Equal([0L, 1L, 2L], values);
    }

    [Fact]
    public void AsScheduler_OfABridgedProvider_ReturnsTheOriginalScheduler()
    {
        var source = new TestScheduler();

        Assert.Same(source, source.AsTimeProvider().AsScheduler());
    }

    [Fact]
    public void AsTimeProvider_OfABridgedScheduler_ReturnsTheOriginalProvider()
    {
        var provider = TimeProvider.System;

        Assert.Same(provider, provider.AsScheduler().AsTimeProvider());
    }
}
