using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Rules.Configuration;

namespace AlphaTrade.RxMonitor.Tests.Rules.Configuration;

public sealed class RuleFileTests
{
    private const string Source = "rules.json";

    [Fact]
    public void Parse_EveryField_FillsTheOptions()
    {
        const string json = """
            {
              // comments and trailing commas are allowed, as in appsettings.json
              "evaluationInterval": "30s",
              "rules": [
                {
                  "name": "HighCpu",
                  "series": "cpu_usage{cpu=\"total\"}",
                  "for": "2m",
                  "keepFiringFor": "1m",
                  "severity": "critical",
                  "labels": {"team": "infra"},
                  "annotations": {"summary": "CPU {{ $value }}% on {{ $labels.instance }}"},
                  "evaluationInterval": "15s",
                  "staleness": {"after": "10m", "policy": "nodata"},
                  "threshold": {"above": 90, "recovery": 85, "consecutive": 3},
                },
              ],
            }
            """;

        var options = RuleFile.Parse(json, Source);

        Assert.Equal("30s", options.EvaluationInterval);
        var rule = Assert.Single(options.Rules);
        Assert.Equal("HighCpu", rule.Name);
        Assert.Equal("cpu_usage{cpu=\"total\"}", rule.Series);
        Assert.Equal("2m", rule.For);
        Assert.Equal("1m", rule.KeepFiringFor);
        Assert.Equal("critical", rule.Severity);
        Assert.Equal("infra", rule.Labels!["team"]);
        Assert.Equal("CPU {{ $value }}% on {{ $labels.instance }}", rule.Annotations!["summary"]);
        Assert.Equal("15s", rule.EvaluationInterval);
        Assert.Equal("10m", rule.Staleness!.After);
        Assert.Equal("nodata", rule.Staleness.Policy);
        Assert.Equal(90, rule.Threshold!.Above);
        Assert.Equal(85, rule.Threshold.Recovery);
        Assert.Equal(3, rule.Threshold.Consecutive);
    }

    [Fact]
    public void Parse_EachDetectorOfTheTable_IsValid()
    {
        const string json = """
            {"rules": [
              {"name": "A", "series": "cpu", "threshold": {"below": 10}},
              {"name": "B", "series": "requests_total", "rate": {"function": "increase", "window": "1m", "above": 5}},
              {"name": "C", "series": "disk_free", "trend": {"window": "10m", "horizon": "1h", "below": 0}},
              {"name": "D", "series": "cpu", "aggregate": {"function": "quantile_over_time", "quantile": 0.9, "window": "5m", "above": 80}},
              {"name": "E", "series": "up{job=\"api\"}", "absent": {"for": "5m"}},
              {"name": "F", "series": "latency", "window": {"size": "1s", "aggregate": "mean", "above": 80}},
              {"name": "G", "series": "cpu", "threshold": {"levels": [
                {"severity": "warning", "above": 85, "recovery": 80},
                {"severity": "critical", "above": 95, "recovery": 90}]}}
            ]}
            """;

        var options = RuleFile.Parse(json, Source);

        Assert.Equal(7, options.Rules.Count);
        Assert.Equal("increase", options.Rules[1].Rate!.Function);
        Assert.Equal(0.9, options.Rules[3].Aggregate!.Quantile);
        Assert.Equal("5m", options.Rules[4].Absent!.For);
        Assert.Equal(2, options.Rules[6].Threshold!.Levels!.Count);
    }

    [Fact]
    public void Parse_SeveralProblems_ListsEveryOneWithFileAndPath()
    {
        const string json = """
            {"rules": [
              {"name": "Ok", "series": "cpu", "threshold": {"above": 1}},
              {"series": "cpu{", "for": "2 minutes", "threshold": {"above": "ninety"}},
              {"name": "Ok", "series": "cpu", "severity": "page", "treshold": {"above": 1}}
            ]}
            """;

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal(Source, e.Source);
        Assert.Contains("rules[1].threshold.above: expected a number, found the string \"ninety\"", e.Problems.Select(static p => p.ToString()));
        Assert.Contains("rules[1].name: is required", e.Problems.Select(static p => p.ToString()));
        Assert.Contains(e.Problems.Select(static p => p.ToString()), p => p.StartsWith("rules[1].series: Invalid series selector 'cpu{' at column 5", StringComparison.Ordinal));
        Assert.Contains(e.Problems.Select(static p => p.ToString()), p => p.StartsWith("rules[1].for: expected a duration (30s, 1m30s or 00:01:30), found '2 minutes'", StringComparison.Ordinal));
        Assert.Contains("unknown key rules[2].treshold (did you mean rules[2].threshold?)", e.Problems.Select(static p => p.ToString()));
        Assert.Contains("rules[2].severity: 'page' is not one of info, warning, error, critical", e.Problems.Select(static p => p.ToString()));
        Assert.Contains("rules[2].name: 'Ok' is already the name of rules[0]", e.Problems.Select(static p => p.ToString()));
        Assert.Contains("rules[2]: a detector is required: one of threshold, rate, trend, aggregate, absent, window, baseline, anomaly", e.Problems.Select(static p => p.ToString()));
        Assert.Equal(8, e.Problems.Count);
        Assert.All(e.Problems.Select(static p => p.ToString()), p => Assert.Contains($"{Source}: {p}", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ValueOfWrongType_DoesNotAlsoReportItAsMissing()
    {
        const string json = """{"rules": [{"name": "A", "series": "cpu", "threshold": {"above": "90"}}]}""";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal(["rules[0].threshold.above: expected a number, found the string \"90\""], e.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Parse_MisspeltDetector_ReportsTheUnknownPropertyAndTheMissingDetector()
    {
        const string json = """{"rules": [{"name": "A", "series": "cpu", "treshold": {"above": 1}}]}""";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal(2, e.Problems.Count);
        Assert.Equal("unknown key rules[0].treshold (did you mean rules[0].threshold?)", e.Problems[0].ToString());
        Assert.Equal("rules[0]: a detector is required: one of threshold, rate, trend, aggregate, absent, window, baseline, anomaly", e.Problems[1].ToString());
    }

    [Fact]
    public void Parse_RuleThatIsNotAnObject_KeepsTheIndexOfLaterRules()
    {
        const string json = """{"rules": [3, {"name": "B", "series": "cpu"}]}""";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal(
            ["rules[0]: expected an object, found the number 3", "rules[1]: a detector is required: one of threshold, rate, trend, aggregate, absent, window, baseline, anomaly"],
            e.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Parse_InvalidJson_NamesLineAndColumn()
    {
        const string json = "{\"rules\": [\n  {\"name\": \"A\" \"series\": \"cpu\"}\n]}";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        var problem = Assert.Single(e.Problems.Select(static p => p.ToString()));
        Assert.StartsWith("line 2, column 16: not valid JSON", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoRulesArray_SaysItIsRequired()
    {
        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse("{}", Source));

        Assert.Equal(["rules: is required (an array of rules)"], e.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Parse_TwoDetectors_SaysOnlyOneIsAllowed()
    {
        const string json = """{"rules": [{"name": "A", "series": "cpu", "threshold": {"above": 1}, "absent": {"for": "5m"}}]}""";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal(["rules[0]: only one detector is allowed, found threshold and absent"], e.Problems.Select(static p => p.ToString()));
    }

    [Theory]
    [InlineData("""{"above": 1, "below": 2}""", "rules[0].threshold: set only one of 'above' and 'below'")]
    [InlineData("""{"above": 90, "recovery": 95}""", "rules[0].threshold.recovery: must not be greater than 'above' (90) for an upper limit, got 95")]
    [InlineData("""{"below": 10, "recovery": 5}""", "rules[0].threshold.recovery: must not be less than 'below' (10) for a lower limit, got 5")]
    [InlineData("""{"above": 1, "consecutive": 0}""", "rules[0].threshold.consecutive: must be at least 1")]
    [InlineData("""{"above": 1, "levels": [{"severity": "warning", "above": 2}]}""", "rules[0].threshold: with 'levels', put 'above', 'below' and 'recovery' in each level")]
    [InlineData("""{"levels": []}""", "rules[0].threshold.levels: must hold at least one level")]
    [InlineData("""{"levels": [{"severity": "warning", "above": 90}, {"severity": "critical", "below": 5}]}""", "rules[0].threshold.levels: all levels must use the same direction (all 'above' or all 'below')")]
    [InlineData("""{"levels": [{"severity": "warning", "above": 90}, {"severity": "critical", "above": 80}]}""", "rules[0].threshold.levels: the critical level must have a more extreme limit than the warning level")]
    [InlineData("""{"levels": [{"severity": "warning", "above": 90}, {"severity": "Warning", "above": 95}]}""", "rules[0].threshold.levels: severity 'Warning' appears more than once")]
    [InlineData("""{"levels": [{"above": 90}]}""", "rules[0].threshold.levels[0].severity: is required (one of info, warning, error, critical)")]
    public void Parse_InvalidThreshold_ReportsTheProblem(string threshold, string problem)
    {
        var json = $$"""{"rules": [{"name": "A", "series": "cpu", "threshold": {{threshold}}}]}""";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal([problem], e.Problems.Select(static p => p.ToString()));
    }

    [Theory]
    [InlineData("rate", """{"function": "irate", "window": "1m", "above": 1}""", "rules[0].rate.function: 'irate' is not one of rate, increase, delta, deriv, percent_change")]
    [InlineData("rate", """{"function": "rate", "above": 1}""", "rules[0].rate.window: is required (a duration: 30s, 1m30s or 00:01:30)")]
    [InlineData("rate", """{"function": "rate", "window": "0s", "above": 1}""", "rules[0].rate.window: must be longer than zero")]
    [InlineData("trend", """{"window": "10m", "below": 0}""", "rules[0].trend.horizon: is required (a duration: 30s, 1m30s or 00:01:30)")]
    [InlineData("trend", """{"function": "slope", "window": "10m", "horizon": "1h", "above": 1}""", "rules[0].trend.horizon: applies only to predict_linear")]
    [InlineData("trend", """{"function": "linear", "window": "10m", "horizon": "1h", "above": 1}""", "rules[0].trend.function: 'linear' is not one of predict_linear, slope")]
    [InlineData("aggregate", """{"function": "quantile_over_time", "window": "5m", "above": 1}""", "rules[0].aggregate.quantile: is required for quantile_over_time (0 to 1)")]
    [InlineData("aggregate", """{"function": "quantile_over_time", "quantile": 1.5, "window": "5m", "above": 1}""", "rules[0].aggregate.quantile: must be between 0 and 1")]
    [InlineData("aggregate", """{"function": "avg_over_time", "quantile": 0.5, "window": "5m", "above": 1}""", "rules[0].aggregate.quantile: applies only to quantile_over_time")]
    [InlineData("aggregate", """{"function": "avg_over_time", "window": "5m"}""", "rules[0].aggregate: set either 'above' or 'below'")]
    [InlineData("absent", """{}""", "rules[0].absent.for: is required (a duration: 30s, 1m30s or 00:01:30)")]
    [InlineData("window", """{"size": "1s", "aggregate": "median", "above": 1}""", "rules[0].window.aggregate: 'median' is not one of count, sum, mean, min, max, last, stddev, quantile")]
    [InlineData("staleness", """{"after": "5m", "policy": "drop"}""", "rules[0].staleness.policy: 'drop' is not one of resolve, keep, nodata")]
    public void Parse_InvalidDetectorOptions_ReportsTheProblem(string property, string value, string problem)
    {
        var detector = property == "staleness" ? """, "threshold": {"above": 1}""" : string.Empty;
        var json = $$"""{"rules": [{"name": "A", "series": "cpu", "{{property}}": {{value}}{{detector}}}]}""";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal([problem], e.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Parse_ReservedOrInvalidLabelNames_AreReported()
    {
        const string json = """{"rules": [{"name": "A", "series": "cpu", "threshold": {"above": 1}, "labels": {"alertname": "x", "bad-name": "y"}}]}""";

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Parse(json, Source));

        Assert.Equal(
            [
                "rules[0].labels.bad-name: 'bad-name' is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)",
                "rules[0].labels: 'alertname' and 'alertstate' are set by the rule and cannot be configured",
            ],
            e.Problems.Select(static p => p.ToString()));
    }

    [Fact]
    public void Load_MissingFile_NamesTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rxmon-missing-{Guid.NewGuid():N}.json");

        var e = Assert.Throws<ConfigurationException>(() => RuleFile.Load(path));

        Assert.Equal(path, e.Source);
        Assert.StartsWith("cannot read the file", Assert.Single(e.Problems.Select(static p => p.ToString())), StringComparison.Ordinal);
    }
}
