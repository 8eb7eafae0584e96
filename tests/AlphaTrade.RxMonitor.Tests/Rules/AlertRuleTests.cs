using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules;

public sealed class AlertRuleTests
{
    private static readonly SeriesSelector Cpu = SeriesSelector.Parse("cpu");
    private static readonly IDetector Detector = new ThresholdDetector(ThresholdCondition.Above(90));

    [Fact]
    public void Defaults_AreDocumented()
    {
        var rule = new AlertRule("HighCpu", Cpu, Detector);
        Assert.Equal(
            (TimeSpan.Zero, TimeSpan.Zero, RxMonitor.Metrics.Severity.Warning, TimeSpan.FromMinutes(5), StalenessPolicy.Resolve, (TimeSpan?)null),
            (rule.For, rule.KeepFiringFor, rule.Severity, rule.StaleAfter, rule.StalenessPolicy, rule.EvaluationInterval));
        Assert.Empty(rule.Labels);
        Assert.Empty(rule.Annotations);
    }

    [Fact]
    public void For_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlertRule("HighCpu", Cpu, Detector) { For = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void Labels_WithAlertname_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new AlertRule("HighCpu", Cpu, Detector) { Labels = LabelSet.Create(new Label("alertname", "x")) });
        Assert.Contains("alertname", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_Blank_Throws()
    {
        Assert.Throws<ArgumentException>(() => new AlertRule(" ", Cpu, Detector));
    }

    [Fact]
    public void Annotations_RoundTripTheirText()
    {
        var rule = new AlertRule("HighCpu", Cpu, Detector) { Annotations = new Dictionary<string, string> { ["summary"] = "CPU {{ $value }}" } };
        Assert.Equal("CPU {{ $value }}", rule.Annotations["summary"]);
    }

    [Fact]
    public void EvaluateRules_InvalidOptions_Throws()
    {
        var input = new VirtualSamples();
        var error = Assert.Throws<ConfigurationException>(() => input.Samples.EvaluateRules([new AlertRule("HighCpu", Cpu, Detector)], input.Scheduler, options: new RuleEvaluationOptions { EvaluationDelay = TimeSpan.Zero }));
        Assert.Equal("RuleEvaluationOptions:EvaluationDelay", Assert.Single(error.Problems).Path);
    }

    [Fact]
    public void EvaluateRule_FiringWhenSeriesGoesStaleUnderNoDataPolicy_ResolvesConditionThenRaisesNoData()
    {
        var cpu = SeriesKey.Create("cpu");
        var input = new VirtualSamples().Add(cpu, 0, 95);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90), TimeSpan.FromMinutes(10)))
        {
            StaleAfter = TimeSpan.FromMinutes(2),
            StalenessPolicy = StalenessPolicy.NoData,
        };
        var events = new List<AlertEvent>();
        input.Samples.EvaluateRule(rule, input.Scheduler, options: new RuleEvaluationOptions { EvaluationInterval = TimeSpan.FromMinutes(1) }).Subscribe(events.Add);
        input.RunTo(200);
        Assert.Equal(
            [(0.0, AlertState.Firing, AlertEventKind.Condition), (180.0, AlertState.Resolved, AlertEventKind.Condition), (180.0, AlertState.Firing, AlertEventKind.NoData)],
            events.Select(e => ((e.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds, e.State, e.Kind)));
    }

    [Fact]
    public void WithDetector_EverySettingKeptButTheDetector()
    {
        var rule = new AlertRule("LatencyHigh", SeriesSelector.Parse("order_latency_ms{venue=\"x\"}"), new ThresholdDetector(ThresholdCondition.Above(100)))
        {
            For = TimeSpan.FromMinutes(2),
            KeepFiringFor = TimeSpan.FromMinutes(3),
            Severity = Severity.Critical,
            Labels = LabelSet.Create(new Label("team", "trading")),
            Annotations = new Dictionary<string, string> { ["summary"] = "{{ $value }}" },
            StaleAfter = TimeSpan.FromMinutes(7),
            StalenessPolicy = StalenessPolicy.NoData,
            EvaluationInterval = TimeSpan.FromSeconds(30),
        };
        var detector = new ThresholdDetector(ThresholdCondition.Above(200));

        var copy = rule.WithDetector(detector);

        Assert.Same(detector, copy.Detector);
        Assert.Equal(
            (rule.Name, rule.Selector, rule.For, rule.KeepFiringFor, rule.Severity, rule.Labels, rule.StaleAfter, rule.StalenessPolicy, rule.EvaluationInterval),
            (copy.Name, copy.Selector, copy.For, copy.KeepFiringFor, copy.Severity, copy.Labels, copy.StaleAfter, copy.StalenessPolicy, copy.EvaluationInterval));
        Assert.Equal(rule.Annotations, copy.Annotations);
    }
}
