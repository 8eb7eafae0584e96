using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class RoutingTests
{
    private static AlertingOptions Tree(bool continueFirst = false) => AlertingHarness.FastOptions(o =>
    {
        o.Receivers = [new() { Name = "default" }, new() { Name = "pager" }, new() { Name = "db-team" }];
        o.Route.Routes =
        [
            new RouteOptions { Matchers = ["severity=\"critical\""], Receiver = "pager", Continue = continueFirst, GroupWait = "0s" },
            new RouteOptions { Matchers = ["team=~\"db|storage\""], Receiver = "db-team", GroupBy = ["instance"] },
        ];
    });

    [Fact]
    public async Task Route_NoChildMatches_UsesRootReceiver()
    {
        await using var h = new AlertingHarness(Tree());
        h.Fire("A", Severity.Warning, ("team", "web"));

        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal("default", Assert.Single(h.Notifications()).Receiver);
    }

    [Fact]
    public async Task Route_SeverityLabelMatcher_RoutesOnSeverity()
    {
        await using var h = new AlertingHarness(Tree());
        h.Fire("A", Severity.Critical, ("team", "db"));

        h.Advance(TimeSpan.FromTicks(1));

        Assert.Equal("pager", Assert.Single(h.Notifications()).Receiver);
    }

    [Fact]
    public async Task Route_FirstMatchingChildWithoutContinue_StopsThere()
    {
        await using var h = new AlertingHarness(Tree());
        h.Fire("A", Severity.Critical, ("team", "db"));

        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["pager"], h.Notifications().Select(static n => n.Receiver));
    }

    [Fact]
    public async Task Route_Continue_AlsoMatchesLaterSiblings()
    {
        await using var h = new AlertingHarness(Tree(continueFirst: true));
        h.Fire("A", Severity.Critical, ("team", "db"));

        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["db-team", "pager"], h.Notifications().Select(static n => n.Receiver).Order());
    }

    [Fact]
    public async Task Route_ChildGroupBy_GroupsByItsOwnLabels()
    {
        await using var h = new AlertingHarness(Tree());
        h.Fire("A", Severity.Warning, ("team", "db"), ("instance", "db-1"));
        h.Fire("B", Severity.Warning, ("team", "db"), ("instance", "db-1"));

        h.Advance(TimeSpan.FromSeconds(10));

        var notification = Assert.Single(h.Notifications());
        Assert.Equal("{instance=\"db-1\"}", notification.GroupLabels.ToString());
        Assert.Equal(2, notification.Alerts.Count);
    }

    [Fact]
    public async Task Route_ChildWithoutTimings_InheritsParentGroupWait()
    {
        await using var h = new AlertingHarness(Tree());
        h.Fire("A", Severity.Warning, ("team", "db"));

        h.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(h.Notifications());
        h.Advance(TimeSpan.FromSeconds(1));

        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task Route_Escalation_MovesAlertToTheNewRoute()
    {
        await using var h = new AlertingHarness(Tree());
        h.Fire("A", Severity.Warning);
        h.Advance(TimeSpan.FromSeconds(10));

        h.Fire("A", Severity.Critical);
        h.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(["default", "pager"], h.Notifications().Select(static n => n.Receiver));
    }
}
