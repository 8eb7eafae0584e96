using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Rules.Configuration;

public sealed class AnomalyOptionsTests
{
    private static string[] Problems(string detectorJson)
    {
        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(
            $$"""{"rules": [{"name": "r", "series": "x", {{detectorJson}}}]}""", "rules.json"));
        return [.. e.Problems.Select(static p => p.ToString())];
    }

    [Fact]
    public void ToAlertRules_Anomaly_BecomesAnomalyDetectorWithSeverityWarmupAndStaleness()
    {
        var rule = Assert.Single(RuleFile.Parse("""
            {"rules": [{"name": "r", "series": "x", "severity": "critical", "staleness": {"after": "2m"},
                        "anomaly": {"above": 0.9, "recovery": 0.4, "warmupSamples": 200}}]}
            """, "rules.json").ToAlertRules());

        var detector = Assert.IsType<AnomalyDetector>(rule.Detector);
        var level = Assert.Single(detector.Condition.Levels);
        Assert.Equal(new ThresholdLevel(Severity.Critical, 0.9, 0.4), level);
        Assert.Equal(200, detector.WarmupSamples);
        Assert.Equal(TimeSpan.FromMinutes(2), detector.Lookback);
    }

    [Fact]
    public void ToAlertRules_AnomalyWithoutWarmup_DefaultsTo750()
    {
        var rule = Assert.Single(RuleFile.Parse("""{"rules": [{"name": "r", "series": "x", "anomaly": {"above": 0.9}}]}""", "rules.json").ToAlertRules());

        Assert.Equal(AnomalyDetector.DefaultWarmupSamples, Assert.IsType<AnomalyDetector>(rule.Detector).WarmupSamples);
    }

    [Fact]
    public void ToAlertRules_AnomalyLevels_BecomeOneConditionWithEachSeverity()
    {
        var rule = Assert.Single(RuleFile.Parse("""
            {"rules": [{"name": "r", "series": "x",
                        "anomaly": {"levels": [{"severity": "warning", "above": 0.5}, {"severity": "critical", "above": 0.8}]}}]}
            """, "rules.json").ToAlertRules());

        var levels = Assert.IsType<AnomalyDetector>(rule.Detector).Condition.Levels;
        Assert.Equal([Severity.Warning, Severity.Critical], levels.Select(static l => l.Severity));
        Assert.Equal([0.5, 0.8], levels.Select(static l => l.Threshold));
    }

    [Fact]
    public void Parse_AnomalyWithoutLimit_IsAProblemWithItsPath() =>
        Assert.Equal(["rules[0].anomaly: set 'above' (a score from 0 to 1, e.g. 0.9) or 'levels'"], Problems("\"anomaly\": {}"));

    [Fact]
    public void Parse_AnomalyBadValues_ListsEveryProblem() =>
        Assert.Equal(
            [
                "rules[0].anomaly.warmupSamples: must be from 10 to 100000 (was 5)",
                "rules[0].anomaly.recovery: must not be greater than 'above' (1.5) for an upper limit, got 2",
                "rules[0].anomaly.above: must be at least 0 and below 1, the score lies in [0, 1] (was 1.5)",
            ],
            Problems("\"anomaly\": {\"above\": 1.5, \"recovery\": 2, \"warmupSamples\": 5}"));

    [Fact]
    public void Parse_AnomalyLevelBelow_IsAProblemWithTheLevelsPath() =>
        Assert.Contains(
            "rules[0].anomaly.levels[0].below: an anomaly score is compared from above; use 'above'",
            Problems("\"anomaly\": {\"levels\": [{\"severity\": \"warning\", \"below\": 0.5}]}"));

    [Fact]
    public void Parse_AnomalyBelowOrUnknownField_IsAnUnknownKey()
    {
        var problems = Problems("\"anomaly\": {\"above\": 0.9, \"below\": 0.1, \"warmup\": 3}");

        Assert.Contains(problems, static p => p.StartsWith("unknown key rules[0].anomaly.below ", StringComparison.Ordinal));
        Assert.Contains(problems, static p => p.StartsWith("unknown key rules[0].anomaly.warmup ", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AnomalyWrongType_IsReportedOnce() =>
        Assert.Equal(["rules[0].anomaly.above: expected a number, found the string \"high\""], Problems("\"anomaly\": {\"above\": \"high\"}"));

    [Fact]
    public void Parse_AnomalyAndThreshold_OnlyOneDetectorAllowed() =>
        Assert.Contains(
            "rules[0]: only one detector is allowed, found threshold and anomaly",
            Problems("\"threshold\": {\"above\": 1}, \"anomaly\": {\"above\": 0.9}"));
}
