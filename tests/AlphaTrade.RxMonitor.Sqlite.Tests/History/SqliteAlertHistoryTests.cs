using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Sqlite.Tests.Support;
using static AlphaTrade.RxMonitor.Sqlite.Tests.Support.TestAlerts;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.History;

public sealed class SqliteAlertHistoryTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly InMemoryAlertHistory _reference = new();
    private SqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = StoreFactory.Open(_directory.File("history.db"));
        var db1 = new Label("instance", "db-1");
        var db2 = new Label("instance", "db-2");
        var alerts = new[]
        {
            Alert("CpuHigh", AlertState.Pending, Severity.Warning, T0, db1),
            Alert("CpuHigh", AlertState.Firing, Severity.Warning, T0.AddMinutes(1), db1),
            Alert("CpuHigh", AlertState.Firing, Severity.Critical, T0.AddMinutes(2), db1),
            Alert("DiskFull", AlertState.Firing, Severity.Error, T0.AddMinutes(3), db2),
            Alert("CpuHigh", AlertState.Resolved, Severity.Critical, T0.AddMinutes(4), db1),
            Alert("MemoryHigh", AlertState.Firing, Severity.Info, T0.AddMinutes(5), db2),
        };
        foreach (var transition in alerts.Select(static a => Transition(a)))
        {
            _store.AlertHistory.RecordTransition(transition);
            _reference.RecordTransition(transition);
        }

        foreach (var notification in new[]
        {
            Notification("pager", "{}/{alertname=\"CpuHigh\"}", T0.AddMinutes(1), alerts[1]),
            Notification("email", "{}/{alertname=\"DiskFull\"}", T0.AddMinutes(3), alerts[3]),
            Notification("pager", "{}/{alertname=\"CpuHigh\"}", T0.AddMinutes(4), alerts[4]),
        })
        {
            _store.AlertHistory.RecordNotification(notification);
            _reference.RecordNotification(notification);
        }

        await _store.FlushAsync();
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Queries => [.. QueryCases.Keys];

    private static Dictionary<string, AlertHistoryQuery> QueryCases { get; } = new()
    {
        ["all"] = AlertHistoryQuery.All,
        ["rule"] = new() { RuleName = "CpuHigh" },
        ["severity"] = new() { Severity = Severity.Critical },
        ["minimum severity"] = new() { MinimumSeverity = Severity.Error },
        ["state"] = new() { State = AlertState.Firing },
        ["change"] = new() { Change = AlertChange.Resolved },
        ["label equal"] = new() { LabelMatchers = [LabelMatcher.Equal("instance", "db-2")] },
        ["label regex"] = new() { LabelMatchers = [LabelMatcher.Regex("alertname", "Cpu.*|Disk.*")] },
        ["label not equal"] = new() { LabelMatchers = [LabelMatcher.NotEqual("instance", "db-1")] },
        ["label absent"] = new() { LabelMatchers = [LabelMatcher.Equal("team", "")] },
        ["time range"] = new() { Since = T0.AddMinutes(1), Until = T0.AddMinutes(4) },
        ["limit keeps newest"] = new() { RuleName = "CpuHigh", Limit = 2 },
        ["receiver"] = new() { Receiver = "pager" },
        ["combined"] = new() { RuleName = "CpuHigh", State = AlertState.Firing, MinimumSeverity = Severity.Critical, LabelMatchers = [LabelMatcher.Equal("instance", "db-1")] },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task QueryTransitionsAsync_Filter_SameAnswerAsInMemoryHistory(string name)
    {
        var query = QueryCases[name];

        var expected = await _reference.QueryTransitionsAsync(query);
        var actual = await _store.AlertHistory.QueryTransitionsAsync(query);

        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task QueryNotificationsAsync_Filter_SameAnswerAsInMemoryHistory(string name)
    {
        var query = QueryCases[name];

        var expected = await _reference.QueryNotificationsAsync(query);
        var actual = await _store.AlertHistory.QueryNotificationsAsync(query);

        Assert.Equal(expected.Select(static n => n.Id), actual.Select(static n => n.Id));
    }

    [Fact]
    public async Task QueryTransitionsAsync_RoundTrip_KeepsEveryField()
    {
        var alert = Alert("Latency", AlertState.Firing, Severity.Error, T0, new Label("venue", "xnas")) with
        {
            ActiveAt = T0.AddSeconds(-30),
            IsFlapping = true,
            SilencedBy = ["s1", "s2"],
            InhibitedBy = [0xdeadbeefUL],
            Kind = AlertEventKind.NoData,
            Value = double.NaN,
        };
        var transition = new AlertTransition(alert, AlertChange.SeverityChanged, AlertState.Firing, Severity.Warning, T0);
        _store.AlertHistory.RecordTransition(transition);
        await _store.FlushAsync();

        var stored = Assert.Single(await _store.AlertHistory.QueryTransitionsAsync(new() { RuleName = "Latency" }));

        Assert.Equal(transition with { Alert = stored.Alert }, stored);
        Assert.Equal(alert.Labels, stored.Alert.Labels);
        Assert.Equal(alert.Annotations, stored.Alert.Annotations);
        Assert.Equal(alert.SilencedBy, stored.Alert.SilencedBy);
        Assert.Equal(alert.InhibitedBy, stored.Alert.InhibitedBy);
        Assert.Equal(alert with { Annotations = stored.Alert.Annotations, SilencedBy = stored.Alert.SilencedBy, InhibitedBy = stored.Alert.InhibitedBy }, stored.Alert);
    }

    [Fact]
    public async Task QueryNotificationsAsync_RoundTrip_KeepsAlertsAndGroup()
    {
        var expected = (await _reference.QueryNotificationsAsync(new() { Receiver = "email" }))[0];

        var actual = Assert.Single(await _store.AlertHistory.QueryNotificationsAsync(new() { Receiver = "email" }));

        Assert.Equal(expected.GroupKey, actual.GroupKey);
        Assert.Equal(expected.GroupLabels, actual.GroupLabels);
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Alerts.Select(Describe), actual.Alerts.Select(Describe));
    }

    [Fact]
    public async Task RecordSilence_OlderVersionAfterNewer_NewerWins()
    {
        _store.AlertHistory.RecordSilence(Silence("s1", T0, T0.AddHours(2), T0.AddMinutes(5), "newer"));
        _store.AlertHistory.RecordSilence(Silence("s1", T0, T0.AddHours(1), T0, "older"));
        await _store.FlushAsync();

        var silence = Assert.Single(await _store.AlertHistory.QuerySilencesAsync());

        Assert.Equal("newer", silence.Comment);
        Assert.Equal(T0.AddHours(2), silence.EndsAt);
        Assert.Equal([LabelMatcher.Equal("instance", "db-1"), LabelMatcher.Regex("alertname", "Cpu.*")], silence.Matchers);
    }

    [Fact]
    public async Task DeleteOlderThanAsync_Cutoff_DeletesOlderTransitionsNotificationsAndEndedSilences()
    {
        _store.AlertHistory.RecordSilence(Silence("ended", T0, T0.AddMinutes(1), T0));
        _store.AlertHistory.RecordSilence(Silence("live", T0, T0.AddHours(1), T0));
        await _store.FlushAsync();

        var deleted = await _store.AlertHistory.DeleteOlderThanAsync(T0.AddMinutes(3));

        Assert.Equal(3 + 1 + 1, deleted);
        Assert.All(await _store.AlertHistory.QueryTransitionsAsync(AlertHistoryQuery.All), static t => Assert.True(t.Timestamp >= T0.AddMinutes(3)));
        Assert.Equal(2, (await _store.AlertHistory.QueryNotificationsAsync(AlertHistoryQuery.All)).Count);
        Assert.Equal("live", Assert.Single(await _store.AlertHistory.QuerySilencesAsync()).Id);
    }

    private static string Describe(AlertTransition transition) => $"{transition.Timestamp:O} {transition.Change} {Describe(transition.Alert)}";

    private static string Describe(Alert alert) =>
        $"{alert.FingerprintText} {alert.RuleName} {alert.Labels} {alert.State} {alert.Severity} {alert.StartsAt:O} {alert.EndsAt:O} {alert.Value}";
}
