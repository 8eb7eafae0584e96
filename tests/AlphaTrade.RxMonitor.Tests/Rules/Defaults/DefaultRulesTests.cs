using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlphaTrade.RxMonitor.Rules.Defaults;
using AlphaTrade.RxMonitor.Sources.Application;
using AlphaTrade.RxMonitor.Sources.Database;
using AlphaTrade.RxMonitor.Sources.Linux;
using AlphaTrade.RxMonitor.Sources.Meters;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules.Defaults;

public sealed class DefaultRulesTests
{
    private static readonly string[] s_detectors = ["threshold", "rate", "trend", "aggregate", "absent", "window"];
    private static readonly Regex s_duration = new("^([0-9]+(ms|s|m|h|d|w|y))+$", RegexOptions.CultureInvariant);

    private static List<JsonElement> Rules()
    {
        using var document = JsonDocument.Parse(DefaultRules.ReadJson());
        return [.. document.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.Clone())];
    }

    private static HashSet<string> EmittedMetricNames()
    {
        var names = new[] { typeof(SystemMetricNames), typeof(ApplicationMetricNames), typeof(DatabaseMetricNames) }
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);
        var options = new MeterSourceOptions();
        options.Meters.Add("System.Runtime");
        using var runtime = new MeterSource(options);
        var observer = new CollectingObserver();
        runtime.Poll(1, observer);
        names.UnionWith(observer.Samples.Select(s => s.Key.Name));
        return names;
    }

    [Fact]
    public void DefaultRules_EmbeddedJson_ParsesWithUniqueNamesAndOneDetectorEach()
    {
        var rules = Rules();

        Assert.True(rules.Count >= 12);
        Assert.Equal(rules.Count, rules.Select(r => r.GetProperty("name").GetString()).Distinct().Count());
        Assert.All(rules, r => Assert.Single(s_detectors, d => r.TryGetProperty(d, out _)));
        Assert.All(rules, r => Assert.Contains(r.GetProperty("severity").GetString(), new[] { "info", "warning", "error", "critical" }));
        Assert.All(rules, r => Assert.Matches(s_duration, r.GetProperty("for").GetString()!));
    }

    [Fact]
    public void DefaultRules_Series_NameOnlyMetricsTheSourcesEmit()
    {
        var emitted = EmittedMetricNames();

        foreach (var rule in Rules())
        {
            var series = rule.GetProperty("series").GetString()!;
            var metric = series.Split('{')[0];
            Assert.True(emitted.Contains(metric), $"Rule {rule.GetProperty("name")} selects '{metric}', which no source emits.");
        }
    }

    [Fact]
    public void DefaultRules_Thresholds_HaveRecoveryOnTheHealthySide()
    {
        foreach (var rule in Rules().Where(r => r.TryGetProperty("threshold", out _)))
        {
            var threshold = rule.GetProperty("threshold");
            var recovery = threshold.GetProperty("recovery").GetDouble();
            if (threshold.TryGetProperty("above", out var above))
            {
                Assert.True(recovery <= above.GetDouble(), $"{rule.GetProperty("name")}: recovery must not exceed 'above'.");
            }
            else
            {
                Assert.True(recovery >= threshold.GetProperty("below").GetDouble(), $"{rule.GetProperty("name")}: recovery must not be under 'below'.");
            }
        }
    }

    [Theory]
    [InlineData("DatabaseConnectionPoolHigh", "db_pool_usage_percent", "error", 79.9)]
    [InlineData("DatabaseSlowQueries", "db_query_duration_recent_average_seconds", "warning", 1)]
    [InlineData("DatabaseFailedQueries", "db_query_failures_recent", "error", 49)]
    [InlineData("HighCpu", "system_cpu_usage_percent{cpu=\"total\"}", "warning", 85)]
    [InlineData("HighMemory", "system_memory_usage_percent", "warning", 85)]
    [InlineData("DiskSpaceHigh", "system_disk_usage_percent", "error", 85)]
    [InlineData("DataStale", "app_data_age_seconds", "warning", 3600)]
    public void DefaultRules_SeedRule_HasSeedThresholdAndSeverity(string name, string series, string severity, double above)
    {
        var rule = Rules().Single(r => r.GetProperty("name").GetString() == name);

        Assert.Equal(series, rule.GetProperty("series").GetString());
        Assert.Equal(severity, rule.GetProperty("severity").GetString());
        Assert.Equal(above, rule.GetProperty("threshold").GetProperty("above").GetDouble());
        Assert.NotEqual("0s", rule.GetProperty("for").GetString());
    }
}
