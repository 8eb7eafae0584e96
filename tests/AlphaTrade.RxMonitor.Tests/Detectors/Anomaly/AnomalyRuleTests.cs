using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors.Anomaly;

/// <summary>The <c>anomaly</c> rule kind, read from JSON as a rules file is, run in virtual time.</summary>
public sealed class AnomalyRuleTests
{
    private const int Step = 10;
    private const int Onset = 1500;
    private const int Erratic = 100;
    private static readonly SeriesKey Latency = SeriesKey.Create("order_latency_seconds", new Label("venue", "x"));
    private static readonly RuleEvaluationOptions EveryMinute = new() { EvaluationInterval = TimeSpan.FromMinutes(1) };

    private static AlertRule Rule(string properties) => Assert.Single(RuleFile.Parse(
        $$"""{"rules": [{"name": "LatencyAnomaly", "series": "order_latency_seconds", {{properties}}}]}""", "rules.json").ToAlertRules());

    // The cycle, then Erratic samples of noise across its range from Onset, then the cycle again.
    private static List<AlertEvent> Run(AlertRule rule, int samples = 2000, double extraSeconds = 0)
    {
        var values = AnomalySeries.ChangedFrom(samples, Onset, static (i, v) => i < Onset + Erratic ? AnomalySeries.Erratic(i) : v);
        var input = new VirtualSamples().Every(Latency, 0, Step, values);
        var events = new List<AlertEvent>();
        using var subscription = input.Samples.EvaluateRule(rule, input.Scheduler, options: EveryMinute).Subscribe(events.Add);
        input.RunTo((samples * Step) + extraSeconds);
        return events;
    }

    private static double Seconds(AlertEvent e) => (e.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds;

    [Fact]
    public void AnomalyRule_WithFor_FiresOnlyAfterTheAnomalyLastedThatLongAndResolvesAfterIt()
    {
        var events = Run(Rule("\"for\": \"2m\", \"anomaly\": {\"above\": 0.3, \"warmupSamples\": 300}"));

        var pending = events.First(static e => e.State == AlertState.Pending);
        var firing = events.First(static e => e.State == AlertState.Firing);
        Assert.InRange(Seconds(pending), Onset * Step, (Onset + Erratic) * Step);
        Assert.Equal(Seconds(pending) + 120, Seconds(firing));
        Assert.Equal(AlertState.Resolved, events[^1].State);
        Assert.InRange(Seconds(events[^1]), Seconds(firing), (Onset + Erratic + 200) * Step);
    }

    [Fact]
    public void AnomalyRule_WithForLongerThanTheAnomaly_NeverFires()
    {
        var events = Run(Rule("\"for\": \"1h\", \"anomaly\": {\"above\": 0.3, \"warmupSamples\": 300}"));

        Assert.DoesNotContain(events, static e => e.State == AlertState.Firing);
    }

    [Fact]
    public void AnomalyRule_Levels_EscalatesToCriticalAtTheDetectionThenDeescalatesToWarning()
    {
        var events = Run(Rule("""
            "anomaly": {"warmupSamples": 300, "levels": [{"severity": "warning", "above": 0.3}, {"severity": "critical", "above": 0.5}]}
            """));

        var firing = events.Where(static e => e.State == AlertState.Firing).ToList();
        var critical = Assert.Single(firing, static e => e.Severity == Severity.Critical);
        Assert.True(critical.Value >= 0.5);
        Assert.Contains(firing, e => e.Severity == Severity.Warning && e.Timestamp > critical.Timestamp);
    }

    [Fact]
    public void AnomalyRule_SeriesStopsWhileFiring_ResolvesAfterStaleness()
    {
        // The samples end during the erratic run, with the alert firing; nothing arrives after the last one.
        var events = Run(Rule("\"staleness\": {\"after\": \"2m\"}, \"anomaly\": {\"above\": 0.3, \"warmupSamples\": 300}"), Onset + 30, 600);

        var last = (Onset + 30 - 1) * Step;
        Assert.Equal(AlertState.Firing, events[0].State);
        var resolved = Assert.Single(events, static e => e.State == AlertState.Resolved);
        Assert.InRange(Seconds(resolved), last + 120, last + 180);
    }

    [Fact]
    public void AnomalyRule_StalenessKeep_StaysFiringAfterTheSeriesStops()
    {
        var events = Run(Rule("\"staleness\": {\"after\": \"2m\", \"policy\": \"keep\"}, \"anomaly\": {\"above\": 0.3, \"warmupSamples\": 300}"), Onset + 30, 600);

        Assert.Equal(AlertState.Firing, events[0].State);
        Assert.DoesNotContain(events, static e => e.State == AlertState.Resolved);
    }
}
