using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class InhibitionTests
{
    private static AlertingOptions CriticalInhibitsWarning() => AlertingHarness.FastOptions(o =>
    {
        o.Route.GroupBy = ["..."];
        o.InhibitRules = [new InhibitRuleOptions { SourceMatchers = ["severity=critical"], TargetMatchers = ["severity=warning"], Equal = ["instance"] }];
    });

    [Fact]
    public async Task Inhibit_CriticalFiringOnSameInstance_InhibitsWarning()
    {
        await using var h = new AlertingHarness(CriticalInhibitsWarning());
        var source = h.Fire("DiskFull", Severity.Critical, ("instance", "db-1"));

        h.Fire("DiskSlow", Severity.Warning, ("instance", "db-1"));
        h.Advance(TimeSpan.FromSeconds(10));

        var notification = Assert.Single(h.Notifications());
        Assert.Equal("DiskFull", Assert.Single(notification.Alerts).RuleName);
        var suppressed = Assert.Single(h.Transitions(new AlertHistoryQuery { Change = AlertChange.Suppressed }));
        Assert.Equal([source.Labels.Fingerprint], suppressed.Alert.InhibitedBy);
    }

    [Fact]
    public async Task Inhibit_DifferentEqualLabel_DoesNotInhibit()
    {
        await using var h = new AlertingHarness(CriticalInhibitsWarning());
        h.Fire("DiskFull", Severity.Critical, ("instance", "db-1"));

        h.Fire("DiskSlow", Severity.Warning, ("instance", "db-2"));
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, h.Notifications().Count);
    }

    [Fact]
    public async Task Inhibit_SourceResolves_TargetIsUnsuppressedAndNotified()
    {
        await using var h = new AlertingHarness(CriticalInhibitsWarning());
        h.Fire("DiskFull", Severity.Critical, ("instance", "db-1"));
        h.Fire("DiskSlow", Severity.Warning, ("instance", "db-1"));
        h.Advance(TimeSpan.FromSeconds(10));

        h.Resolve("DiskFull", Severity.Critical, ("instance", "db-1"));
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(h.Transitions(new AlertHistoryQuery { Change = AlertChange.Unsuppressed }));
        Assert.Contains(h.Notifications(), static n => n.Alerts.Any(static a => a.RuleName == "DiskSlow" && a.State == RxMonitor.Metrics.AlertState.Firing));
    }

    [Fact]
    public async Task Inhibit_SourceOnlyPending_DoesNotInhibit()
    {
        await using var h = new AlertingHarness(CriticalInhibitsWarning());
        h.Send(h.Event("DiskFull", RxMonitor.Metrics.AlertState.Pending, Severity.Critical, ("instance", "db-1")));

        h.Fire("DiskSlow", Severity.Warning, ("instance", "db-1"));
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task Inhibit_AlertMatchingBothSides_DoesNotInhibitItself()
    {
        var options = AlertingHarness.FastOptions(o => o.InhibitRules =
            [new InhibitRuleOptions { SourceMatchers = ["alertname=~\"A|B\""], TargetMatchers = ["alertname=~\"A|B\""], Equal = ["instance"] }]);
        await using var h = new AlertingHarness(options);

        h.Fire("A", labels: ("instance", "1"));
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Single(h.Notifications());
    }
}
