using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Store;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

/// <summary>Flap detection with history 5, low 0.3, high 0.5, one evaluation per minute, group wait 0.</summary>
public sealed class FlappingTests
{
    private static AlertingOptions Flapping() => AlertingHarness.FastOptions(o =>
    {
        o.Route.GroupWait = "0s";
        o.Route.GroupInterval = "1s";
        o.Flapping = new FlappingOptions { Enabled = true, History = 5, Low = 0.3, High = 0.5, EvaluationInterval = "1m" };
    });

    private static void Toggle(AlertingHarness h, int times)
    {
        for (var i = 0; i < times; i++)
        {
            if (i % 2 == 0)
            {
                h.Fire("A");
            }
            else
            {
                h.Resolve("A");
            }

            h.Advance(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void ChangeShare_SteadyLevels_IsZero()
    {
        var detector = new FlapDetector(new FlapSettings(true, 5, 0.3, 0.5, TimeSpan.FromMinutes(1)));

        detector.Observe(AlertingHarness.Start, 0);

        Assert.Equal(0, detector.ChangeShare());
    }

    [Fact]
    public void ChangeShare_EveryEvaluationChanges_IsOne()
    {
        var detector = new FlapDetector(new FlapSettings(true, 5, 0.3, 0.5, TimeSpan.FromMinutes(1)));

        for (var i = 0; i < 5; i++)
        {
            detector.Observe(AlertingHarness.Start.AddSeconds(i), (byte)(i % 2 == 0 ? 1 : 0));
        }

        Assert.Equal(1.0, detector.ChangeShare(), 9);
    }

    [Fact]
    public void ChangeShare_NewestChanges_WeighMoreThanOldest()
    {
        var settings = new FlapSettings(true, 5, 0.3, 0.5, TimeSpan.FromMinutes(1));
        var oldChange = new FlapDetector(settings);
        var newChange = new FlapDetector(settings);
        byte[] oldLevels = [1, 1, 1, 1, 1];
        byte[] newLevels = [0, 0, 0, 0, 1];

        for (var i = 0; i < 5; i++)
        {
            oldChange.Observe(AlertingHarness.Start.AddSeconds(i), oldLevels[i]);
            newChange.Observe(AlertingHarness.Start.AddSeconds(i), newLevels[i]);
        }

        Assert.True(newChange.ChangeShare() > oldChange.ChangeShare());
    }

    [Fact]
    public async Task Flapping_RapidToggles_RecordsFlappingStartedAndSendsOneNotice()
    {
        await using var h = new AlertingHarness(Flapping());

        Toggle(h, 4);

        Assert.Single(h.Transitions(new AlertHistoryQuery { Change = AlertChange.FlappingStarted }));
        var notice = Assert.Single(h.Notifications(), static n => n.Kind == NotificationKind.FlappingStarted);
        Assert.True(Assert.Single(notice.Alerts).IsFlapping);
    }

    [Fact]
    public async Task Flapping_WhileFlapping_PerChangeNotificationsStop()
    {
        await using var h = new AlertingHarness(Flapping());
        Toggle(h, 4);
        var before = h.Notifications().Count;

        Toggle(h, 4);

        Assert.Equal(before, h.Notifications().Count);
    }

    [Fact]
    public async Task Flapping_QuietAfterFlapping_StopsOnTheEvaluationTimerAndNotifiesRecovery()
    {
        await using var h = new AlertingHarness(Flapping());
        Toggle(h, 5);

        h.Advance(TimeSpan.FromMinutes(10));

        var stopped = Assert.Single(h.Transitions(new AlertHistoryQuery { Change = AlertChange.FlappingStopped }));
        Assert.Equal(RxMonitor.Metrics.AlertState.Firing, stopped.Alert.State);
        var notice = Assert.Single(h.Notifications(), static n => n.Kind == NotificationKind.FlappingStopped);
        Assert.False(Assert.Single(notice.Alerts).IsFlapping);
    }

    [Fact]
    public async Task Flapping_AfterRecoveryNotice_GroupFlushDoesNotRepeatIt()
    {
        await using var h = new AlertingHarness(Flapping());
        Toggle(h, 5);
        h.Advance(TimeSpan.FromMinutes(10));
        var count = h.Notifications().Count;

        h.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(count, h.Notifications().Count);
    }

    [Fact]
    public async Task Flapping_SilencedAlert_RecordsFlappingButSendsNoNotice()
    {
        await using var h = new AlertingHarness(Flapping());
        h.Manager.CreateSilence([LabelMatcher.Equal("alertname", "A")], h.Now, h.Now + TimeSpan.FromHours(1), "ops", "noisy");

        Toggle(h, 4);

        Assert.Single(h.Transitions(new AlertHistoryQuery { Change = AlertChange.FlappingStarted }));
        Assert.Empty(h.Notifications());
    }

    [Fact]
    public async Task Flapping_SlowChanges_NeverFlap()
    {
        await using var h = new AlertingHarness(Flapping());

        h.Fire("A");
        h.Advance(TimeSpan.FromMinutes(10));
        h.Resolve("A");
        h.Advance(TimeSpan.FromMinutes(10));
        h.Fire("A");
        h.Advance(TimeSpan.FromMinutes(10));

        Assert.Empty(h.Transitions(new AlertHistoryQuery { Change = AlertChange.FlappingStarted }));
    }
}
