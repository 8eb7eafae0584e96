using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

/// <summary>Group wait, group interval and repeat interval, in virtual time (wait 10s, interval 1m, repeat 1h).</summary>
public sealed class GroupingTests
{
    [Fact]
    public async Task Flush_BeforeGroupWait_SendsNothing()
    {
        await using var h = new AlertingHarness();
        h.Fire("A", labels: ("instance", "1"));

        h.Advance(TimeSpan.FromSeconds(9));

        Assert.Empty(h.Notifications());
    }

    [Fact]
    public async Task Flush_AtGroupWait_SendsOneNotificationWithEveryAlertOfTheGroup()
    {
        await using var h = new AlertingHarness();
        h.Fire("A", labels: ("instance", "1"));
        h.Advance(TimeSpan.FromSeconds(5));
        h.Fire("A", labels: ("instance", "2"));

        h.Advance(TimeSpan.FromSeconds(5));

        var notification = Assert.Single(h.Notifications());
        Assert.Equal(2, notification.Alerts.Count);
        Assert.Equal(AlertState.Firing, notification.Status);
        Assert.Equal("{alertname=\"A\"}", notification.GroupLabels.ToString());
        Assert.Equal("default", notification.Receiver);
    }

    [Fact]
    public async Task Flush_GroupBy_SplitsAlertsIntoGroups()
    {
        await using var h = new AlertingHarness();
        h.Fire("A");
        h.Fire("B");

        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, h.Notifications().Count);
    }

    [Fact]
    public async Task Flush_NewAlertAfterFirstFlush_WaitsForGroupInterval()
    {
        await using var h = new AlertingHarness();
        h.Fire("A", labels: ("instance", "1"));
        h.Advance(TimeSpan.FromSeconds(10));
        h.Fire("A", labels: ("instance", "2"));

        h.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(h.Notifications());

        h.Advance(TimeSpan.FromSeconds(1));
        var second = h.Notifications()[^1];
        Assert.Equal(2, h.Notifications().Count);
        Assert.Equal(2, second.Alerts.Count);
    }

    [Fact]
    public async Task Flush_UnchangedGroupBeforeRepeatInterval_SendsNothingMore()
    {
        await using var h = new AlertingHarness();
        h.Fire("A");

        h.Advance(TimeSpan.FromMinutes(59));

        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task Flush_UnchangedGroupAfterRepeatInterval_RepeatsAtTheNextGroupIntervalTick()
    {
        await using var h = new AlertingHarness();
        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));

        h.Advance(TimeSpan.FromHours(1));

        var notifications = h.Notifications();
        Assert.Equal(2, notifications.Count);
        Assert.Equal(notifications[0].Timestamp + TimeSpan.FromHours(1), notifications[1].Timestamp);
    }

    [Fact]
    public async Task Flush_Resolution_SendsResolvedAtTheNextGroupInterval()
    {
        await using var h = new AlertingHarness();
        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));
        h.Resolve("A");

        h.Advance(TimeSpan.FromMinutes(1));

        var resolved = h.Notifications()[^1];
        Assert.Equal(AlertState.Resolved, resolved.Status);
        Assert.Equal(AlertState.Resolved, Assert.Single(resolved.Alerts).State);
    }

    [Fact]
    public async Task Flush_ResolutionToReceiverWithoutSendResolved_SendsNothing()
    {
        var options = AlertingHarness.FastOptions(o => o.Receivers = [new ReceiverOptions { Name = "default", SendResolved = false }]);
        await using var h = new AlertingHarness(options);
        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));
        h.Resolve("A");

        h.Advance(TimeSpan.FromHours(2));

        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task Flush_AfterResolutionFlushed_GroupIsRemoved()
    {
        await using var h = new AlertingHarness();
        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(10));
        h.Resolve("A");

        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, h.Manager.GetStatistics().Groups);
    }

    [Fact]
    public async Task Flush_SeverityChange_NotifiesAtTheNextGroupInterval()
    {
        await using var h = new AlertingHarness();
        h.Fire("A", Severity.Warning);
        h.Advance(TimeSpan.FromSeconds(10));
        h.Fire("A", Severity.Critical);

        h.Advance(TimeSpan.FromMinutes(1));

        var notifications = h.Notifications();
        Assert.Equal(2, notifications.Count);
        Assert.Equal(Severity.Critical, Assert.Single(notifications[1].Alerts).Severity);
    }

    [Fact]
    public async Task Flush_AlertOlderThanGroupWait_FlushesImmediately()
    {
        await using var h = new AlertingHarness();
        var old = h.Event("A", AlertState.Firing) with { Timestamp = h.Now - TimeSpan.FromMinutes(5), ActiveAt = h.Now - TimeSpan.FromMinutes(6) };
        h.Send(old);

        h.Advance(TimeSpan.FromTicks(1));

        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task Flush_FireResolveWithinGroupWait_SendsNothing()
    {
        await using var h = new AlertingHarness();
        h.Fire("A");
        h.Advance(TimeSpan.FromSeconds(2));
        h.Resolve("A");

        h.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(h.Notifications());
    }
}
