using AlphaTrade.RxMonitor.Alerting;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Alerting.Parts;

public sealed class AlertingGateTests
{
    private readonly TestScheduler _scheduler = new();

    [Fact]
    public void Schedule_ZeroDelay_RunsOneTickLaterNotInTheCaller()
    {
        var gate = new AlertingGate(_scheduler);
        var runs = 0;

        gate.Schedule(0, TimeSpan.Zero, _ => runs++);

        Assert.Equal(0, runs);
        _scheduler.AdvanceBy(1);
        Assert.Equal(1, runs);
    }

    [Fact]
    public void Schedule_DueAfterStop_DoesNothing()
    {
        var gate = new AlertingGate(_scheduler);
        var runs = 0;
        gate.Schedule(0, TimeSpan.FromSeconds(1), _ => runs++);

        gate.Stopped = true;
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        Assert.Equal(0, runs);
    }

    [Fact]
    public void Schedule_Due_RunsUnderTheLock()
    {
        var gate = new AlertingGate(_scheduler);
        var held = false;
        gate.Schedule(0, TimeSpan.FromSeconds(1), _ => held = gate.Lock.IsHeldByCurrentThread);

        _scheduler.AdvanceBy(TimeSpan.FromSeconds(1).Ticks);

        Assert.True(held);
    }

    [Fact]
    public void Schedule_DisposedBeforeDue_DoesNotRun()
    {
        var gate = new AlertingGate(_scheduler);
        var runs = 0;
        var timer = gate.Schedule(0, TimeSpan.FromSeconds(1), _ => runs++);

        timer.Dispose();
        _scheduler.AdvanceBy(TimeSpan.FromSeconds(2).Ticks);

        Assert.Equal(0, runs);
    }
}
