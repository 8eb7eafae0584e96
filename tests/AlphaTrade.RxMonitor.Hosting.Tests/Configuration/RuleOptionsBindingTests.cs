using AlphaTrade.RxMonitor.Configuration;
using System.Text;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Hosting.Embedding;
using AlphaTrade.RxMonitor.Rules.Configuration;
using Microsoft.Extensions.Configuration;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Configuration;

/// <summary>The rule option classes read (strictly) from <c>appsettings.json</c>'s <c>RxMonitor:Rules</c> as they read from a rules file.</summary>
public sealed class RuleOptionsBindingTests
{
    private const string AppSettings = """
        {
          "RxMonitor": {
            "Rules": [
              {
                "name": "HighCpu",
                "series": "cpu_usage{cpu=\"total\"}",
                "for": "2m",
                "keepFiringFor": "1m",
                "severity": "critical",
                "labels": {"team": "infra"},
                "annotations": {"summary": "CPU {{ $value }}"},
                "staleness": {"after": "10m", "policy": "keep"},
                "threshold": {"consecutive": 2, "levels": [
                  {"severity": "warning", "above": 85, "recovery": 80},
                  {"severity": "critical", "above": 95}
                ]}
              },
              {"name": "Requests", "series": "requests_total", "rate": {"function": "increase", "window": "5m", "below": 1}},
              {"name": "Disk", "series": "disk_free", "trend": {"window": "1h", "horizon": "4h", "below": 0}},
              {"name": "P99", "series": "latency", "aggregate": {"function": "quantile_over_time", "quantile": 0.99, "window": "5m", "above": 0.5}},
              {"name": "Gone", "series": "up{job=\"api\"}", "absent": {"for": "5m"}},
              {"name": "Burst", "series": "orders", "window": {"size": "1s", "aggregate": "count", "above": 1000}}
            ]
          }
        }
        """;

    private static RuleSetOptions Bind(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        var problems = new List<ConfigurationProblem>();
        Assert.True(StrictConfigurationReader.TryRead<List<RuleOptions>>(configuration.GetSection("RxMonitor:Rules"), KeyPath.Section("RxMonitor:Rules"), problems, out var rules));
        Assert.Empty(problems);
        return new RuleSetOptions { Rules = rules! };
    }

    [Fact]
    public void Bind_AppSettingsRules_FillsTheSameOptionsAsARulesFile()
    {
        var options = Bind(AppSettings);

        Assert.Empty(options.Problems(KeyPath.Section("RxMonitor")));
        Assert.Equal(6, options.Rules.Count);
        var rule = options.Rules[0];
        Assert.Equal(("HighCpu", "2m", "1m", "critical"), (rule.Name, rule.For, rule.KeepFiringFor, rule.Severity));
        Assert.Equal("infra", rule.Labels!["team"]);
        Assert.Equal("CPU {{ $value }}", rule.Annotations!["summary"]);
        Assert.Equal(("10m", "keep"), (rule.Staleness!.After, rule.Staleness.Policy));
        Assert.Equal(2, rule.Threshold!.Consecutive);
        Assert.Equal([85.0, 95.0], rule.Threshold.Levels!.Select(static l => l.Above!.Value));
        Assert.Equal(0.99, options.Rules[3].Aggregate!.Quantile);
    }

    [Fact]
    public void Bind_AppSettingsRules_MapOntoRunnableRules()
    {
        var rules = Bind(AppSettings).ToAlertRules("appsettings.json");

        Assert.Equal(["HighCpu", "Requests", "Disk", "P99", "Gone", "Burst"], rules.Select(static r => r.Name));
        Assert.IsType<ThresholdDetector>(rules[0].Detector);
        Assert.IsType<RangeFunctionDetector>(rules[1].Detector);
        Assert.IsType<TrendDetector>(rules[2].Detector);
        Assert.IsType<OverTimeDetector>(rules[3].Detector);
        Assert.IsType<AbsentDetector>(rules[4].Detector);
        Assert.IsType<WindowAggregateDetector>(rules[5].Detector);
    }

    [Fact]
    public void Bind_InvalidAppSettingsRule_IsReportedWithTheConfigurationPath()
    {
        var options = Bind("""{"RxMonitor": {"Rules": [{"name": "A", "series": "cpu", "threshold": {"above": 1, "below": 2}}]}}""");

        Assert.Equal(["RxMonitor:Rules:0:threshold: set only one of 'above' and 'below'"], options.Problems(KeyPath.Section("RxMonitor")).Select(static p => p.ToString()));
    }
}
