using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

/// <summary>Restart recovery through a history that outlives the manager (the SQLite history in production).</summary>
public sealed class RestoreTests
{
    private static async Task<InMemoryAlertHistory> FiredAndNotifiedAsync()
    {
        var history = new InMemoryAlertHistory();
        await using var before = new AlertingHarness(history: history);
        before.Fire("A", Severity.Critical, ("instance", "db-1"));
        before.Advance(TimeSpan.FromSeconds(10));
        Assert.Single(before.Notifications());
        return history;
    }

    [Fact]
    public async Task RestoreAsync_FiringAlertAlreadyNotified_IsActiveAndNotNotifiedAgain()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);

        var restored = await h.Manager.RestoreAsync();
        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(1, restored);
        Assert.Equal(AlertState.Firing, Assert.Single(h.Manager.GetActiveAlerts()).State);
        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task RestoreAsync_ResolutionAfterRestart_IsNotified()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);
        await h.Manager.RestoreAsync();

        h.Resolve("A", Severity.Critical, ("instance", "db-1"));
        h.Advance(TimeSpan.FromMinutes(2));

        var last = h.Notifications()[^1];
        Assert.Equal(2, h.Notifications().Count);
        Assert.Equal(AlertState.Resolved, last.Status);
    }

    [Fact]
    public async Task RestoreAsync_RuleRepeatsFiringAfterRestart_IsADuplicate()
    {
        var history = await FiredAndNotifiedAsync();
        await using var h = new AlertingHarness(history: history);
        await h.Manager.RestoreAsync();
        var transitionsBefore = h.Transitions().Count;

        h.Fire("A", Severity.Critical, ("instance", "db-1"));

        Assert.Equal(transitionsBefore, h.Transitions().Count);
        Assert.Equal(1, h.Manager.GetStatistics().Duplicates);
    }
}
