using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Rules.Configuration;

public sealed class BaselineOptionsTests
{
    private static string[] Problems(string detectorJson)
    {
        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(
            $$"""{"rules": [{"name": "r", "series": "x", {{detectorJson}}}]}""", "rules.json"));
        return [.. e.Problems.Select(static p => p.ToString())];
    }

    [Fact]
    public void ToAlertRules_Baseline_BecomesBaselineDetectorWithSeverityAndStaleness()
    {
        var rule = Assert.Single(RuleFile.Parse("""
            {"rules": [{"name": "r", "series": "x", "severity": "critical", "staleness": {"after": "2m"},
                        "baseline": {"deviations": 2.5, "minWeeks": 3}}]}
            """, "rules.json").ToAlertRules());

        var detector = Assert.IsType<BaselineDetector>(rule.Detector);
        Assert.Equal(2.5, detector.Deviations);
        Assert.Equal(3, detector.MinWeeks);
        Assert.Equal(Severity.Critical, detector.Severity);
        Assert.Equal(TimeSpan.FromMinutes(2), detector.Lookback);
    }

    [Fact]
    public void ToAlertRules_BaselineWithoutMinWeeks_DefaultsToTwo()
    {
        var rule = Assert.Single(RuleFile.Parse("""{"rules": [{"name": "r", "series": "x", "baseline": {"deviations": 3}}]}""", "rules.json").ToAlertRules());

        Assert.Equal(2, Assert.IsType<BaselineDetector>(rule.Detector).MinWeeks);
    }

    [Fact]
    public void Parse_BaselineWithoutDeviations_IsAProblemWithItsPath() =>
        Assert.Equal(
            ["rules[0].baseline.deviations: is required (standard deviations from the hour-of-week mean, e.g. 3)"],
            Problems("\"baseline\": {}"));

    [Fact]
    public void Parse_BaselineBadValues_ListsEveryProblem() =>
        Assert.Equal(
            ["rules[0].baseline.deviations: must be above 0 (was 0)", "rules[0].baseline.minWeeks: must be at least 2, a spread needs two weeks (was 1)"],
            Problems("\"baseline\": {\"deviations\": 0, \"minWeeks\": 1}"));

    [Fact]
    public void Parse_BaselineWrongTypesAndUnknownField_AreReported()
    {
        var problems = Problems("\"baseline\": {\"deviations\": \"three\", \"minWeeks\": 2.5, \"weeks\": 2}");

        Assert.Contains("rules[0].baseline.deviations: expected a number, found the string \"three\"", problems);
        Assert.Contains(problems, p => p.StartsWith("rules[0].baseline.minWeeks: expected a whole number", StringComparison.Ordinal));
        Assert.Contains("unknown key rules[0].baseline.weeks (known keys: deviations, minWeeks)", problems);
    }

    [Fact]
    public void Parse_BaselineAndThreshold_OnlyOneDetectorAllowed() =>
        Assert.Contains(
            "rules[0]: only one detector is allowed, found threshold and baseline",
            Problems("\"threshold\": {\"above\": 1}, \"baseline\": {\"deviations\": 3}"));
}
