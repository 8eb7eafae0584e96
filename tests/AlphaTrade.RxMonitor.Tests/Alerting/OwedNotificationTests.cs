using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

/// <summary>A notification is logged only once its receiver accepted it; a lost one leaves its group owed (Alertmanager's nflog).</summary>
public sealed class OwedNotificationTests
{
    [Trait("Category", "Integration")]
    [Fact]
    public async Task Flush_ReceiverDownUntilRetriesAreExhausted_NextGroupFlushDeliversTheAlertOnceItIsBack()
    {
        await using var h = new AlertingHarness();
        var sink = new OutageSink();
        h.Manager.AddSink(sink, "default", AlertingHarness.TwoAttempts);
        h.Fire("A");
        await h.AdvanceUntilAsync(() => h.Manager.GetSinkStatistics()[0].Failed == 1, "the first notification given up");
        var recordedDuringOutage = h.Notifications().Count;

        sink.Down = false;
        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 1, "the owed notification delivered at the next group flush");

        Assert.Equal(0, recordedDuringOutage);
        var delivered = Assert.Single(sink.Accepted);
        Assert.Equal(AlertState.Firing, delivered.Status);
        Assert.True(delivered.Timestamp < AlertingHarness.Start.AddMinutes(2), "delivered at a group interval, not at the repeat interval");
        await Eventually.TrueAsync(() => h.Notifications().Count == 1, "the accepted notification recorded");
    }

    [Fact]
    public async Task Flush_ReceiverAccepted_IsNotSentAgainBeforeTheRepeatInterval()
    {
        await using var h = new AlertingHarness();
        var sink = new OutageSink { Down = false };
        h.Manager.AddSink(sink, "default", AlertingHarness.TwoAttempts);
        h.Fire("A");
        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 1, "delivered");

        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(1, h.Manager.GetSinkStatistics()[0].Enqueued);
    }

    [Fact]
    public async Task Flush_ResolutionLostDuringOutage_IsDeliveredWhenTheReceiverIsBack()
    {
        await using var h = new AlertingHarness();
        var sink = new OutageSink { Down = false };
        h.Manager.AddSink(sink, "default", AlertingHarness.TwoAttempts);
        h.Fire("A");
        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 1, "firing delivered");
        sink.Down = true;
        h.Resolve("A");
        await h.AdvanceUntilAsync(() => h.Manager.GetSinkStatistics()[0].Failed == 1, "the resolution given up");

        sink.Down = false;
        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 2, "the owed resolution delivered");

        Assert.Equal(AlertState.Resolved, sink.Accepted[^1].Status);
    }

    [Fact]
    public async Task Flush_ResolutionLostAtOneOfTwoSinks_IsDeliveredToItWhenItIsBack()
    {
        await using var h = new AlertingHarness();
        var good = new OutageSink { Down = false };
        var flaky = new OutageSink { Down = false };
        h.Manager.AddSink(good, "default", AlertingHarness.TwoAttempts);
        h.Manager.AddSink(flaky, "default", AlertingHarness.TwoAttempts);
        h.Fire("A");
        await h.AdvanceUntilAsync(() => good.Accepted.Count == 1 && flaky.Accepted.Count == 1, "firing delivered to both");
        flaky.Down = true;
        h.Resolve("A");
        await h.AdvanceUntilAsync(() => h.Manager.GetSinkStatistics()[1].Failed >= 1 && good.Accepted.Count >= 2, "the resolution accepted by one sink, given up by the other");

        flaky.Down = false;
        await h.AdvanceUntilAsync(() => flaky.Accepted.Count >= 2, "the owed resolution delivered to the sink that lost it");

        Assert.Equal(AlertState.Resolved, flaky.Accepted[^1].Status);
    }

    [Fact]
    public async Task Sweep_GroupsResolvedNotifiedAndPastRetention_TheirNotificationLogIsForgotten()
    {
        await using var h = new AlertingHarness(AlertingHarness.FastOptions(o => o.ResolvedRetention = "30m"));
        var sink = new OutageSink { Down = false };
        h.Manager.AddSink(sink, "default", AlertingHarness.TwoAttempts);
        for (var i = 0; i < 20; i++)
        {
            h.Fire("A" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 20, "every group's firing delivered");
        for (var i = 0; i < 20; i++)
        {
            h.Resolve("A" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 40, "every group's resolution delivered");
        var whileRecent = h.Manager.NotificationLogEntries;

        h.Advance(TimeSpan.FromHours(2));

        Assert.True(whileRecent >= 20, $"{whileRecent} entries");
        Assert.Equal(0, h.Manager.NotificationLogEntries);
    }

    [Fact]
    public async Task Sweep_AGroupStillFiring_KeepsItsLogSoItIsNotNotifiedAgainBeforeTheRepeat()
    {
        await using var h = new AlertingHarness(AlertingHarness.FastOptions(o =>
        {
            o.ResolvedRetention = "10m";
            o.Route.RepeatInterval = "4h";
        }));
        var sink = new OutageSink { Down = false };
        h.Manager.AddSink(sink, "default", AlertingHarness.TwoAttempts);
        h.Fire("Gone");
        h.Fire("Stays");
        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 2, "both firing delivered");
        h.Resolve("Gone");
        await h.AdvanceUntilAsync(() => sink.Accepted.Count == 3, "the resolution delivered");

        h.Advance(TimeSpan.FromHours(1));

        Assert.Equal(3, sink.Accepted.Count);
        Assert.True(h.Manager.NotificationLogEntries > 0);
    }
}
