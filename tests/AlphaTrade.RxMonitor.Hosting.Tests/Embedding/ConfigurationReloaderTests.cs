using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using Microsoft.Extensions.Configuration;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Embedding;

/// <summary>
/// A reload in virtual time, wired as the pipeline wires it: samples → the reloadable rule set → the alert manager
/// (in-memory history); the configuration is re-read and applied by <see cref="ConfigurationReloader"/>.
/// </summary>
public sealed class ConfigurationReloaderTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu");

    private readonly TestScheduler _scheduler = new();
    private readonly Subject<MetricSample> _samples = new();
    private readonly InMemoryAlertHistory _history = new();
    private readonly AlertManager _manager;
    private readonly List<AlertEvent> _events = [];
    private readonly ConfigurationReloader _reloader;
    private readonly IDisposable _subscription;

    public ConfigurationReloaderTests()
    {
        _scheduler.AdvanceTo(Start.UtcTicks);
        var alerting = new AlertingOptions
        {
            Route = new RouteOptions { GroupWait = "1s", GroupInterval = "10s", RepeatInterval = "1h", GroupBy = ["alertname"] },
            Flapping = new FlappingOptions { Enabled = false },
        };
        _manager = new AlertManager(alerting, _scheduler, _history);
        var running = Read(Rules(("Steady", 90), ("Tuned", 90), ("Dropped", 90)), out var problems);
        Assert.Empty(problems);
        var set = new ReloadableRuleSet(running!.Rules, running.Evaluation);
        _reloader = new ConfigurationReloader(running, set, static rules => rules);
        _subscription = _samples.EvaluateRules(set, _scheduler).Subscribe(e =>
        {
            _events.Add(e);
            _manager.Process(e);
        });
        for (var minute = 0; minute <= 20; minute++)
        {
            var sample = new MetricSample(Cpu, Start.AddMinutes(minute).UtcTicks, 95);
            _scheduler.Schedule(Start.AddMinutes(minute), () => _samples.OnNext(sample));
        }

        // All three fire (for: 1m) by minute 1; the reload comes at minute 5.
        _scheduler.AdvanceTo(Start.AddMinutes(5).AddSeconds(30).UtcTicks);
    }

    private static Dictionary<string, string?> Rules(params (string Name, double Above)[] rules)
    {
        var values = new Dictionary<string, string?>
        {
            ["RxMonitor:DefaultRules"] = "false",
            ["RxMonitor:EvaluationInterval"] = "1m",
            ["RxMonitor:Http:Port"] = "9464",
        };
        for (var i = 0; i < rules.Length; i++)
        {
            values[$"RxMonitor:Rules:{i}:name"] = rules[i].Name;
            values[$"RxMonitor:Rules:{i}:series"] = "cpu";
            values[$"RxMonitor:Rules:{i}:for"] = "1m";
            values[$"RxMonitor:Rules:{i}:threshold:above"] = rules[i].Above.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }

    private static RxMonitorSettings? Read(Dictionary<string, string?> values, out IReadOnlyList<string> problems)
    {
        var settings = RxMonitorSettings.Read(
            new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("RxMonitor"),
            new AlertSinkRegistry(),
            null,
            false,
            null,
            [],
            out var found);
        problems = [.. found.Select(static p => p.ToString())];
        return settings;
    }

    private ConfigurationReload Reload(Dictionary<string, string?> values)
    {
        var settings = Read(values, out var problems);
        var reload = _reloader.Apply("test", settings, problems);
        _scheduler.AdvanceTo(Start.AddMinutes(10).UtcTicks);
        return reload;
    }

    private List<AlertEvent> EventsOf(string rule) => [.. _events.Where(e => e.RuleName == rule)];

    private IReadOnlyList<Alert> NotifiedAlertsOf(string rule) =>
        [.. _history.QueryNotificationsAsync(AlertHistoryQuery.All).AsTask().GetAwaiter().GetResult().SelectMany(static n => n.Alerts).Where(a => a.RuleName == rule)];

    [Trait("Category", "Integration")]
    [Fact]
    public void Reload_UnchangedRule_StaysFiringWithTheSameActiveAt()
    {
        var activeAt = _manager.GetActiveAlerts().Single(a => a.RuleName == "Steady").ActiveAt;

        var reload = Reload(Rules(("Steady", 90), ("Tuned", 80)));

        Assert.Contains("Steady", reload.Change!.Kept);
        Assert.Equal([AlertState.Pending, AlertState.Firing], EventsOf("Steady").Select(static e => e.State));
        var steady = _manager.GetActiveAlerts().Single(a => a.RuleName == "Steady");
        Assert.Equal((AlertState.Firing, activeAt, Start), (steady.State, steady.ActiveAt, steady.ActiveAt));
    }

    [Fact]
    public void Reload_ChangedRule_IsResolvedThenPendingAgainWithANewActiveAt()
    {
        var reload = Reload(Rules(("Steady", 90), ("Tuned", 80)));

        Assert.Equal(["Tuned"], reload.Change!.Changed);
        var tuned = EventsOf("Tuned");
        Assert.Equal([AlertState.Pending, AlertState.Firing, AlertState.Resolved, AlertState.Pending, AlertState.Firing], tuned.Select(static e => e.State));
        Assert.Equal(Start.AddMinutes(6), tuned[3].ActiveAt);
        Assert.Contains(NotifiedAlertsOf("Tuned"), static a => a.State == AlertState.Resolved);
    }

    [Fact]
    public void Reload_RemovedRule_IsResolvedAndTheResolutionNotified()
    {
        var reload = Reload(Rules(("Steady", 90), ("Tuned", 90)));

        Assert.Equal(["Dropped"], reload.Change!.Removed);
        Assert.Equal(AlertState.Resolved, EventsOf("Dropped")[^1].State);
        Assert.DoesNotContain(_manager.GetActiveAlerts(), static a => a.RuleName == "Dropped");
        var resolved = Assert.Single(NotifiedAlertsOf("Dropped"), static a => a.State == AlertState.Resolved);
        Assert.Equal(Start, resolved.ActiveAt);
    }

    [Fact]
    public void Reload_BrokenConfiguration_ChangesNothingAndListsEveryProblemInOneEntry()
    {
        var broken = Rules(("Steady", 90));
        broken["RxMonitor:Rules:0:threshold:above"] = "high";
        broken["RxMonitor:Rulez"] = "x";
        var before = _manager.GetActiveAlerts().Select(static a => (a.RuleName, a.State, a.ActiveAt)).Order().ToList();
        var eventsBefore = _events.Count;

        var reload = Reload(broken);

        Assert.True(reload.Refused, string.Join(" | ", reload.Problems));
        Assert.Null(reload.Change);
        Assert.Contains(reload.Problems, static p => p.StartsWith("unknown key RxMonitor:Rulez", StringComparison.Ordinal));
        Assert.Contains(reload.Problems, static p => p.Contains("RxMonitor:Rules:0:threshold:above", StringComparison.Ordinal));
        Assert.All(reload.Problems, p => Assert.Contains(p, reload.Summary, StringComparison.Ordinal));
        Assert.Contains($"{reload.Problems.Count} problems", reload.Summary, StringComparison.Ordinal);
        Assert.Equal(eventsBefore, _events.Count);
        Assert.Equal(before, _manager.GetActiveAlerts().Select(static a => (a.RuleName, a.State, a.ActiveAt)).Order().ToList());
    }

    [Fact]
    public void Reload_StartOnlyKeyChanged_NamesItAsRequiringRestart()
    {
        var values = Rules(("Steady", 90), ("Tuned", 90), ("Dropped", 90));
        values["RxMonitor:Http:Port"] = "9465";

        var reload = Reload(values);

        Assert.Equal(["RxMonitor:Http:Port"], reload.RestartRequired);
        Assert.Contains("RxMonitor:Http:Port changed; this requires restart", reload.RestartNotice, StringComparison.Ordinal);
        Assert.False(reload.Change!.Any);
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _samples.Dispose();
        await _manager.DisposeAsync();
    }
}
