using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Time;

public sealed class SchedulerTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TestScheduler NewScheduler()
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(Start.UtcTicks);
        return scheduler;
    }

    [Fact]
    public void GetUtcNow_FollowsVirtualTime()
    {
        var scheduler = NewScheduler();
        var time = scheduler.AsTimeProvider();

        scheduler.AdvanceBy(TimeSpan.FromMinutes(3).Ticks);

        Assert.Equal(Start.AddMinutes(3), time.GetUtcNow());
    }

    [Fact]
    public void GetElapsedTime_MeasuresVirtualTime()
    {
        var scheduler = NewScheduler();
        var time = scheduler.AsTimeProvider();
        var started = time.GetTimestamp();

        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(1500).Ticks);

        Assert.Equal(TimeSpan.FromMilliseconds(1500), time.GetElapsedTime(started));
    }

    [Fact]
    public void TaskDelay_CompletesOnlyWhenVirtualTimeReachesTheDelay()
    {
        var scheduler = NewScheduler();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), scheduler.AsTimeProvider(), CancellationToken.None);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks - 1);
        var beforeDue = delay.IsCompleted;
        scheduler.AdvanceBy(1);

        Assert.False(beforeDue);
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void CancellationTokenSource_CancelsAtVirtualDeadline()
    {
        var scheduler = NewScheduler();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30), scheduler.AsTimeProvider());

        scheduler.AdvanceBy(TimeSpan.FromSeconds(29).Ticks);
        var beforeDeadline = cts.IsCancellationRequested;
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        Assert.False(beforeDeadline);
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task PeriodicTimer_TicksOncePerVirtualPeriod()
    {
        var scheduler = NewScheduler();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), scheduler.AsTimeProvider());
        var ticks = 0;

        for (var i = 0; i < 3; i++)
        {
            var next = timer.WaitForNextTickAsync();
            Assert.False(next.IsCompleted);
            scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);
            Assert.True(await next);
            ticks++;
        }

        Assert.Equal(3, ticks);
        Assert.Equal(Start.AddSeconds(15), scheduler.Now);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresAtEachPeriodAfterDueTime()
    {
        var scheduler = NewScheduler();
        var fired = new List<DateTimeOffset>();
        using var timer = scheduler.AsTimeProvider().CreateTimer(
            _ => fired.Add(scheduler.Now), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

        scheduler.AdvanceBy(TimeSpan.FromSeconds(6).Ticks);

        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(3), Start.AddSeconds(5)], fired);
    }

    [Fact]
    public void CreateTimer_Change_ReplacesThePendingTick()
    {
        var scheduler = NewScheduler();
        var fired = new List<DateTimeOffset>();
        using var timer = scheduler.AsTimeProvider().CreateTimer(
            _ => fired.Add(scheduler.Now), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(TimeSpan.FromSeconds(4), Timeout.InfiniteTimeSpan);
        scheduler.AdvanceBy(TimeSpan.FromSeconds(10).Ticks);

        Assert.Equal([Start.AddSeconds(4)], fired);
    }

    [Fact]
    public void CreateTimer_Disposed_NeverFiresAndRefusesChange()
    {
        var scheduler = NewScheduler();
        var fired = 0;
        var timer = scheduler.AsTimeProvider().CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        timer.Dispose();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);

        Assert.Equal(0, fired);
        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void CreateTimer_NegativeDueTime_Throws()
    {
        var time = NewScheduler().AsTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(
            () => time.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(-1), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task OneScheduler_DrivesRxOperatorsAndTimeProviderCodeTogether()
    {
        var scheduler = NewScheduler();
        var time = scheduler.AsTimeProvider();
        var events = new List<string>();
        using var rx = Observable.Interval(TimeSpan.FromSeconds(2), scheduler).Take(2)
            .Subscribe(i => events.Add($"rx{i}@{(time.GetUtcNow() - Start).TotalSeconds}"));
        var delay = Task.Delay(TimeSpan.FromSeconds(3), time, CancellationToken.None)
            .ContinueWith(
                _ => events.Add($"delay@{(time.GetUtcNow() - Start).TotalSeconds}"),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);

        scheduler.AdvanceBy(TimeSpan.FromSeconds(4).Ticks);
        await delay;

        Assert.Equal(["rx0@2", "delay@3", "rx1@4"], events);
    }
}
