using AlphaTrade.RxMonitor.Cli.Run;
using AlphaTrade.RxMonitor.Time;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Cli.Tests.Run;

public sealed class DebouncerTests
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    [Fact]
    public void Signal_BurstOfSignals_RunsOnceQuietAfterTheLast()
    {
        var scheduler = new TestScheduler();
        var runs = new List<long>();
        using var debouncer = new Debouncer(scheduler.AsTimeProvider(), Quiet, () => runs.Add(scheduler.Clock));

        debouncer.Signal();
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(300).Ticks);
        debouncer.Signal();
        scheduler.AdvanceBy(TimeSpan.FromMilliseconds(300).Ticks);
        debouncer.Signal();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(5).Ticks);

        Assert.Equal([TimeSpan.FromMilliseconds(1100).Ticks], runs);
    }

    [Fact]
    public void Signal_TwoBurstsApart_RunsOncePerBurst()
    {
        var scheduler = new TestScheduler();
        var runs = 0;
        using var debouncer = new Debouncer(scheduler.AsTimeProvider(), Quiet, () => runs++);

        debouncer.Signal();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);
        debouncer.Signal();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        Assert.Equal(2, runs);
    }

    [Fact]
    public void Dispose_BeforeTheQuietPeriodEnds_NeverRuns()
    {
        var scheduler = new TestScheduler();
        var runs = 0;
        var debouncer = new Debouncer(scheduler.AsTimeProvider(), Quiet, () => runs++);

        debouncer.Signal();
        debouncer.Dispose();
        scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        Assert.Equal(0, runs);
    }
}
