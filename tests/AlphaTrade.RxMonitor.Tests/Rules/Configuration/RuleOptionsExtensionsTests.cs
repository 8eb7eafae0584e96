using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Rules.Configuration;

public sealed class RuleOptionsExtensionsTests
{
    private static AlertRule Single(string ruleJson) =>
        Assert.Single(RuleFile.Parse($$"""{"rules": [{{ruleJson}}]}""", "rules.json").ToAlertRules());

    [Fact]
    public void ToAlertRules_EveryRuleField_IsCarriedOver()
    {
        var rule = Single("""
            {"name": "HighCpu", "series": "cpu{cpu=\"total\"}", "for": "2m", "keepFiringFor": "1m", "severity": "critical",
             "labels": {"team": "infra"}, "annotations": {"summary": "CPU {{ $value }}"}, "evaluationInterval": "30s",
             "staleness": {"after": "10m", "policy": "nodata"}, "threshold": {"above": 90}}
            """);

        Assert.Equal("HighCpu", rule.Name);
        Assert.Equal(SeriesSelector.Parse("cpu{cpu=\"total\"}"), rule.Selector);
        Assert.Equal(TimeSpan.FromMinutes(2), rule.For);
        Assert.Equal(TimeSpan.FromMinutes(1), rule.KeepFiringFor);
        Assert.Equal(Severity.Critical, rule.Severity);
        Assert.Equal(LabelSet.Create(new Label("team", "infra")), rule.Labels);
        Assert.Equal("CPU {{ $value }}", rule.Annotations["summary"]);
        Assert.Equal(TimeSpan.FromSeconds(30), rule.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMinutes(10), rule.StaleAfter);
        Assert.Equal(StalenessPolicy.NoData, rule.StalenessPolicy);
        var detector = Assert.IsType<ThresholdDetector>(rule.Detector);
        Assert.Equal(TimeSpan.FromMinutes(10), detector.Lookback);
        var level = Assert.Single(detector.Condition.Levels);
        Assert.Equal(ThresholdDirection.Above, detector.Condition.Direction);
        Assert.Equal(new ThresholdLevel(Severity.Critical, 90), level);
    }

    [Fact]
    public void ToAlertRules_Defaults_ArePrometheusDefaults()
    {
        var rule = Single("""{"name": "A", "series": "cpu", "threshold": {"below": 10}}""");

        Assert.Equal(TimeSpan.Zero, rule.For);
        Assert.Equal(TimeSpan.Zero, rule.KeepFiringFor);
        Assert.Equal(Severity.Warning, rule.Severity);
        Assert.Null(rule.EvaluationInterval);
        Assert.Equal(TimeSpan.FromMinutes(5), rule.StaleAfter);
        Assert.Equal(StalenessPolicy.Resolve, rule.StalenessPolicy);
        Assert.Equal(ThresholdDirection.Below, Assert.IsType<ThresholdDetector>(rule.Detector).Condition.Direction);
    }

    [Fact]
    public void ToAlertRules_ThresholdLevels_BecomeOneConditionWithLevels()
    {
        var rule = Single("""
            {"name": "A", "series": "cpu", "threshold": {"consecutive": 2, "levels": [
              {"severity": "warning", "above": 85, "recovery": 80}, {"severity": "critical", "above": 95, "recovery": 90}]}}
            """);

        var condition = Assert.IsType<ThresholdDetector>(rule.Detector).Condition;
        Assert.Equal(2, condition.Consecutive);
        Assert.Equal([new ThresholdLevel(Severity.Warning, 85, 80), new ThresholdLevel(Severity.Critical, 95, 90)], condition.Levels);
    }

    [Theory]
    [InlineData("rate", RangeFunction.Rate)]
    [InlineData("increase", RangeFunction.Increase)]
    [InlineData("delta", RangeFunction.Delta)]
    [InlineData("deriv", RangeFunction.Deriv)]
    public void ToAlertRules_RateFunction_MapsToRangeFunctionDetector(string function, RangeFunction expected)
    {
        var rule = Single($$$"""{"name": "A", "series": "c", "rate": {"function": "{{{function}}}", "window": "1m", "above": 5}}""");

        var detector = Assert.IsType<RangeFunctionDetector>(rule.Detector);
        Assert.Equal(expected, detector.Function);
        Assert.Equal(TimeSpan.FromMinutes(1), detector.Window);
        Assert.Equal(5, Assert.Single(detector.Condition.Levels).Threshold);
    }

    [Fact]
    public void ToAlertRules_PercentChange_MapsToPercentChangeDetector()
    {
        var rule = Single("""{"name": "A", "series": "c", "rate": {"function": "percent_change", "window": "5m", "above": 20}}""");

        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<PercentChangeDetector>(rule.Detector).Window);
    }

    [Fact]
    public void ToAlertRules_Trend_MapsToPredictLinearOrDeriv()
    {
        var predict = Assert.IsType<TrendDetector>(Single("""{"name": "A", "series": "d", "trend": {"window": "10m", "horizon": "1h", "below": 0}}""").Detector);
        var slope = Assert.IsType<RangeFunctionDetector>(Single("""{"name": "A", "series": "d", "trend": {"function": "slope", "window": "10m", "above": 0.5}}""").Detector);

        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)), (predict.Window, predict.Horizon));
        Assert.Equal(ThresholdDirection.Below, predict.Condition.Direction);
        Assert.Equal(TimeSpan.FromMinutes(10), slope.Window);
        Assert.Equal(RangeFunction.Deriv, slope.Function);
    }

    [Theory]
    [InlineData("avg_over_time", OverTimeFunction.Avg)]
    [InlineData("min_over_time", OverTimeFunction.Min)]
    [InlineData("max_over_time", OverTimeFunction.Max)]
    [InlineData("sum_over_time", OverTimeFunction.Sum)]
    [InlineData("count_over_time", OverTimeFunction.Count)]
    [InlineData("stddev_over_time", OverTimeFunction.StdDev)]
    [InlineData("last_over_time", OverTimeFunction.Last)]
    public void ToAlertRules_Aggregate_MapsToOverTimeDetector(string function, OverTimeFunction expected)
    {
        var rule = Single($$$"""{"name": "A", "series": "c", "aggregate": {"function": "{{{function}}}", "window": "5m", "above": 80}}""");

        var detector = Assert.IsType<OverTimeDetector>(rule.Detector);
        Assert.Equal((expected, TimeSpan.FromMinutes(5)), (detector.Function, detector.Window));
    }

    [Fact]
    public void ToAlertRules_QuantileOverTime_CarriesTheQuantile()
    {
        var rule = Single("""{"name": "A", "series": "c", "aggregate": {"function": "quantile_over_time", "quantile": 0.9, "window": "5m", "above": 80}}""");

        var detector = Assert.IsType<OverTimeDetector>(rule.Detector);
        Assert.Equal((OverTimeFunction.Quantile, 0.9), (detector.Function, detector.Quantile));
    }

    [Fact]
    public void ToAlertRules_Absent_MapsToAbsentDetectorOverTheSelector()
    {
        var rule = Single("""{"name": "A", "series": "up{job=\"api\"}", "severity": "error", "absent": {"for": "5m"}}""");

        var detector = Assert.IsType<AbsentDetector>(rule.Detector);
        Assert.Equal(SeriesSelector.Parse("up{job=\"api\"}"), detector.Selector);
        Assert.Equal((TimeSpan.FromMinutes(5), Severity.Error), (detector.Window, detector.Severity));
    }

    [Fact]
    public void ToAlertRules_Window_MapsToWindowAggregateDetector()
    {
        var rule = Single("""{"name": "A", "series": "c", "window": {"size": "1s", "aggregate": "quantile", "quantile": 0.99, "above": 80}}""");

        var detector = Assert.IsType<WindowAggregateDetector>(rule.Detector);
        Assert.Equal((TimeSpan.FromSeconds(1), WindowAggregation.Quantile, 0.99), (detector.Size, detector.Aggregation, detector.Quantile));
    }

    [Fact]
    public void ToAlertRules_InvalidRuleSet_ThrowsWithEveryProblem()
    {
        var options = new RuleSetOptions { Rules = [new RuleOptions { Name = "A" }, new RuleOptions { Series = "cpu", Threshold = new ThresholdOptions { Above = 1 } }] };

        var e = Assert.Throws<ConfigurationException>(() => options.ToAlertRules("RxMonitor:Rules"));

        Assert.Equal("RxMonitor:Rules", e.Source);
        Assert.Equal(
            [
                "rules[0].series: is required (a selector such as cpu_usage{cpu=\"total\"})",
                "rules[0]: a detector is required: one of threshold, rate, trend, aggregate, absent, window, baseline, anomaly",
                "rules[1].name: is required",
            ],
            e.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Validate_BadAnnotationTemplate_NamesTheAnnotation()
    {
        var problems = new List<ConfigurationProblem>();
        var rule = new RuleOptions
        {
            Name = "A",
            Series = "cpu",
            Threshold = new ThresholdOptions { Above = 1 },
            Annotations = new Dictionary<string, string> { ["summary"] = "CPU {{ $value" },
        };

        rule.Validate(KeyPath.File.Entry("rules").Index(0), problems);

        Assert.StartsWith("rules[0].annotations.summary: column 5: ", Assert.Single(problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToEvaluationOptions_RuleSetInterval_IsTheDefaultGrid()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), new RuleSetOptions().ToEvaluationOptions().EvaluationInterval);
        Assert.Equal(TimeSpan.FromMinutes(1), new RuleSetOptions { EvaluationInterval = "1m" }.ToEvaluationOptions().EvaluationInterval);
    }

    [Fact]
    public void ToAlertRules_ConfiguredRule_RaisesPendingFiringResolvedInVirtualTime()
    {
        var rules = RuleFile.Parse(
            """{"rules": [{"name": "HighCpu", "series": "cpu", "for": "1m", "evaluationInterval": "1m", "severity": "critical", "threshold": {"above": 90}}]}""",
            "rules.json").ToAlertRules();
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.UtcTicks);
        var samples = new Subject<MetricSample>();
        var events = new List<AlertEvent>();
        using var subscription = samples.EvaluateRules(rules, scheduler).Subscribe(events.Add);
        var cpu = SeriesKey.Create("cpu");
        foreach (var (minute, value) in new[] { (0, 50.0), (1, 95.0), (2, 96.0), (3, 40.0) })
        {
            var at = DateTimeOffset.UnixEpoch.AddMinutes(minute);
            scheduler.Schedule(at, () => samples.OnNext(new MetricSample(cpu, at, value)));
        }

        scheduler.AdvanceTo(DateTimeOffset.UnixEpoch.AddMinutes(4).UtcTicks);

        Assert.Equal(
            [(AlertState.Pending, 1), (AlertState.Firing, 2), (AlertState.Resolved, 3)],
            events.Select(static e => (e.State, (int)(e.Timestamp - DateTimeOffset.UnixEpoch).TotalMinutes)));
        Assert.All(events, static e => Assert.Equal(Severity.Critical, e.Severity));
    }
}
