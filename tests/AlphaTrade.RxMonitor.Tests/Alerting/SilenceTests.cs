using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Alerting;

public sealed class SilenceTests
{
    private static Silence Silence(AlertingHarness h, TimeSpan length, params LabelMatcher[] matchers) =>
        h.Manager.CreateSilence(matchers, h.Now, h.Now + length, "ops@example.com", "maintenance");

    [Fact]
    public async Task CreateSilence_MatchingFiringAlert_IsRecordedButNotNotified()
    {
        await using var h = new AlertingHarness();
        var silence = Silence(h, TimeSpan.FromHours(1), LabelMatcher.Equal("instance", "db-1"));

        h.Fire("A", labels: ("instance", "db-1"));
        h.Advance(TimeSpan.FromMinutes(30));

        Assert.Empty(h.Notifications());
        var suppressed = h.Transitions(new AlertHistoryQuery { Change = AlertChange.Suppressed });
        Assert.Equal([silence.Id], Assert.Single(suppressed).Alert.SilencedBy);
        Assert.Single(h.Manager.GetActiveAlerts());
    }

    [Fact]
    public async Task CreateSilence_NonMatchingAlert_IsNotified()
    {
        await using var h = new AlertingHarness();
        Silence(h, TimeSpan.FromHours(1), LabelMatcher.Regex("instance", "db-.*"));

        h.Fire("A", labels: ("instance", "web-1"));
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task SilenceExpiry_StillFiringAlert_IsUnsuppressedAtEndsAtAndNotifiedAtTheNextFlush()
    {
        await using var h = new AlertingHarness();
        var silence = Silence(h, TimeSpan.FromMinutes(5), LabelMatcher.Equal("alertname", "A"));
        h.Fire("A");
        h.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(h.Notifications());

        h.Advance(TimeSpan.FromMinutes(1));
        var unsuppressed = Assert.Single(h.Transitions(new AlertHistoryQuery { Change = AlertChange.Unsuppressed }));
        Assert.Equal(silence.EndsAt, unsuppressed.Timestamp);

        h.Advance(TimeSpan.FromMinutes(1));
        Assert.Single(h.Notifications());
    }

    [Fact]
    public async Task ExpireSilence_ThroughTheApi_EndsSuppressionAndIsRecorded()
    {
        await using var h = new AlertingHarness();
        var silence = Silence(h, TimeSpan.FromHours(1), LabelMatcher.Equal("alertname", "A"));
        h.Fire("A");
        h.Advance(TimeSpan.FromMinutes(2));

        Assert.True(h.Manager.ExpireSilence(silence.Id));
        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(h.Notifications());
        var recorded = Assert.Single(await h.History.QuerySilencesAsync());
        Assert.Equal(SilenceState.Expired, recorded.StateAt(h.Now));
        Assert.False(h.Manager.ExpireSilence(silence.Id));
    }

    [Fact]
    public async Task CreateSilence_StartingLater_SuppressesFromItsStart()
    {
        await using var h = new AlertingHarness();
        h.Manager.CreateSilence([LabelMatcher.Equal("alertname", "A")], h.Now + TimeSpan.FromMinutes(1), h.Now + TimeSpan.FromHours(1), "ops", "later");
        h.Fire("A");
        Assert.Empty(h.Transitions(new AlertHistoryQuery { Change = AlertChange.Suppressed }));

        h.Advance(TimeSpan.FromMinutes(1));

        Assert.Single(h.Transitions(new AlertHistoryQuery { Change = AlertChange.Suppressed }));
    }

    [Fact]
    public async Task CreateSilence_OnlyEmptyMatchingMatchers_Throws()
    {
        await using var h = new AlertingHarness();

        var error = Assert.Throws<ArgumentException>(() => Silence(h, TimeSpan.FromHours(1), LabelMatcher.Equal("team", string.Empty)));

        Assert.Contains("every alert", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateSilence_EndBeforeStart_Throws()
    {
        await using var h = new AlertingHarness();

        Assert.Throws<ArgumentException>(() => h.Manager.CreateSilence([LabelMatcher.Equal("a", "b")], h.Now, h.Now - TimeSpan.FromMinutes(1), "ops", "x"));
    }

    [Fact]
    public async Task CreateSilence_IsRecordedInHistoryWithCreatorAndComment()
    {
        await using var h = new AlertingHarness();

        var silence = Silence(h, TimeSpan.FromHours(1), LabelMatcher.NotEqual("env", "prod"), LabelMatcher.Equal("team", "db"));

        var recorded = Assert.Single(await h.History.QuerySilencesAsync());
        Assert.Equal(silence.Id, recorded.Id);
        Assert.Equal("ops@example.com", recorded.CreatedBy);
        Assert.Equal("maintenance", recorded.Comment);
    }

    [Fact]
    public async Task RestoreSilencesAsync_FromHistory_SilencesAgain()
    {
        var history = new InMemoryAlertHistory();
        await using (var first = new AlertingHarness(history: history))
        {
            Silence(first, TimeSpan.FromDays(1), LabelMatcher.Equal("alertname", "A"));
        }

        await using var h = new AlertingHarness(history: history);
        var restored = await h.Manager.RestoreSilencesAsync();
        h.Fire("A");
        h.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(1, restored);
        Assert.Empty(h.Notifications());
    }
}
