using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Rules.Configuration;
using AlphaTrade.RxMonitor.Rules.Defaults;
using Microsoft.Reactive.Testing;

namespace AlphaTrade.RxMonitor.Tests.Rules.Defaults;

/// <summary>The default rules through the real rules loader, and each one run in virtual time.</summary>
public sealed class DefaultRulesLoaderTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(15);

    public static TheoryData<string> RuleNames()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Load().Rules)
        {
            data.Add(rule.Name!);
        }

        return data;
    }

    private static RuleSetOptions Load() => RuleFile.Parse(DefaultRules.ReadJson(), "default-rules.json");

    private static AlertRule Rule(string name) => Load().ToAlertRules("default-rules.json").Single(r => r.Name == name);

    [Fact]
    public void Load_DefaultRules_AcceptedByTheLoaderAndBuilt()
    {
        var options = Load();

        var rules = options.ToAlertRules("default-rules.json");

        Assert.Equal(17, rules.Count);
        Assert.Equal(options.Rules.Select(r => r.Name), rules.Select(r => r.Name));
        Assert.Equal(TimeSpan.FromSeconds(15), options.ToEvaluationOptions().EvaluationInterval);
    }

    [Theory]
    [InlineData("DatabaseConnectionPoolHigh", ThresholdDirection.Above, 79.9, 70.0, Severity.Error, 60)]
    [InlineData("DatabaseSlowQueries", ThresholdDirection.Above, 1.0, 0.8, Severity.Warning, 120)]
    [InlineData("DatabaseFailedQueries", ThresholdDirection.Above, 49.0, 25.0, Severity.Error, 60)]
    [InlineData("DatabaseProbeDown", ThresholdDirection.Below, 0.5, 0.5, Severity.Critical, 60)]
    [InlineData("DatabaseLockWaits", ThresholdDirection.Above, 0.0, 0.0, Severity.Warning, 60)]
    [InlineData("HighCpu", ThresholdDirection.Above, 85.0, 75.0, Severity.Warning, 300)]
    [InlineData("HighMemory", ThresholdDirection.Above, 85.0, 80.0, Severity.Warning, 300)]
    [InlineData("DiskSpaceHigh", ThresholdDirection.Above, 85.0, 80.0, Severity.Error, 300)]
    [InlineData("FileDescriptorsHigh", ThresholdDirection.Above, 80.0, 70.0, Severity.Warning, 300)]
    [InlineData("DataStale", ThresholdDirection.Above, 3600.0, 1800.0, Severity.Warning, 60)]
    [InlineData("NetworkLatencyHigh", ThresholdDirection.Above, 0.1, 0.05, Severity.Warning, 120)]
    [InlineData("NetworkEndpointDown", ThresholdDirection.Below, 0.5, 0.5, Severity.Error, 60)]
    [InlineData("ThreadPoolStarvation", ThresholdDirection.Above, 100.0, 10.0, Severity.Warning, 60)]
    [InlineData("BackgroundTaskMissedHeartbeats", ThresholdDirection.Above, 1.0, 1.0, Severity.Warning, 30)]
    [InlineData("BackgroundTaskFailing", ThresholdDirection.Above, 2.0, 1.0, Severity.Error, 0)]
    public void ToAlertRules_ThresholdRule_MapsLimitRecoverySeverityAndFor(
        string name, ThresholdDirection direction, double limit, double recovery, Severity severity, int forSeconds)
    {
        var rule = Rule(name);

        var detector = Assert.IsType<ThresholdDetector>(rule.Detector);
        Assert.Equal(direction, detector.Condition.Direction);
        var level = Assert.Single(detector.Condition.Levels);
        Assert.Equal(new ThresholdLevel(severity, limit, recovery), level);
        Assert.Equal(1, detector.Condition.Consecutive);
        Assert.Equal(severity, rule.Severity);
        Assert.Equal(TimeSpan.FromSeconds(forSeconds), rule.For);
    }

    [Theory]
    [InlineData("DatabaseLockContention", RangeFunction.Increase, 300, 10.0, 300)]
    [InlineData("GcPauseHigh", RangeFunction.Rate, 60, 0.1, 120)]
    public void ToAlertRules_RateRule_MapsFunctionWindowAndLimit(string name, RangeFunction function, int windowSeconds, double limit, int forSeconds)
    {
        var rule = Rule(name);

        var detector = Assert.IsType<RangeFunctionDetector>(rule.Detector);
        Assert.Equal(function, detector.Function);
        Assert.Equal(TimeSpan.FromSeconds(windowSeconds), detector.Window);
        Assert.Equal(limit, Assert.Single(detector.Condition.Levels).Threshold);
        Assert.Equal(TimeSpan.FromSeconds(forSeconds), rule.For);
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void DefaultRule_SyntheticBreachThenRecovery_FiresWithItsSeverityAndResolves(string name)
    {
        var rule = Rule(name);
        var scenario = Scenario.For(rule);

        var events = Run(rule, scenario);

        var firing = Assert.Single(events, e => e.State == AlertState.Firing);
        Assert.Equal(rule.Severity, firing.Severity);
        Assert.Equal(name, firing.Labels.Get(AlertLabels.AlertName));
        Assert.True(firing.Timestamp >= Epoch + scenario.BreachStart + rule.For, $"{name} fired at {firing.Timestamp} before its 'for' elapsed.");
        Assert.True(firing.Timestamp < Epoch + scenario.HoldStart, $"{name} fired only at {firing.Timestamp}.");
        var resolved = Assert.Single(events, e => e.State == AlertState.Resolved && e.Timestamp > firing.Timestamp);
        Assert.True(resolved.Timestamp >= Epoch + scenario.RecoveryStart, $"{name} resolved at {resolved.Timestamp}, inside the hysteresis band.");
        Assert.Equal(AlertState.Resolved, events[^1].State);
    }

    private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;

    private static List<AlertEvent> Run(AlertRule rule, Scenario scenario)
    {
        var scheduler = new TestScheduler();
        scheduler.AdvanceTo(Epoch.UtcTicks);
        var samples = new Subject<MetricSample>();
        var events = new List<AlertEvent>();
        using var subscription = samples.EvaluateRules([rule], scheduler, options: Load().ToEvaluationOptions()).Subscribe(events.Add);
        var key = SeriesKey.Parse(rule.Selector.ToString());
        for (var t = TimeSpan.Zero; t <= scenario.End; t += Step)
        {
            var sample = new MetricSample(key, (Epoch + t).UtcTicks, scenario.ValueAt(t));
            scheduler.Schedule(Epoch + t, () => samples.OnNext(sample));
        }

        scheduler.AdvanceTo((Epoch + scenario.End + Step).UtcTicks);
        return events;
    }

    /// <summary>Normal, then breaching for 'for' + 2 min (+ the window for range functions), then (with hysteresis) 10 min inside the recovery band, then normal.</summary>
    private sealed record Scenario(TimeSpan BreachStart, TimeSpan HoldStart, TimeSpan RecoveryStart, TimeSpan End, Func<TimeSpan, double> ValueAt)
    {
        public static Scenario For(AlertRule rule)
        {
            var breachStart = TimeSpan.FromMinutes(2);
            var holdStart = breachStart + rule.For + TimeSpan.FromMinutes(2);
            switch (rule.Detector)
            {
                case ThresholdDetector threshold:
                {
                    var level = threshold.Condition.Levels[0];
                    var above = threshold.Condition.Direction == ThresholdDirection.Above;
                    var band = level.Recovery is { } r && r != level.Threshold;
                    var recoveryStart = holdStart + (band ? TimeSpan.FromMinutes(10) : TimeSpan.Zero);
                    var breach = above ? level.Threshold * 1.5 + 1 : level.Threshold / 2 - 1;
                    var normal = above ? level.RecoveryOrThreshold / 2 - 1 : level.Threshold * 2 + 1;
                    var inBand = (level.Threshold + level.RecoveryOrThreshold) / 2;
                    return new Scenario(breachStart, holdStart, recoveryStart, recoveryStart + TimeSpan.FromMinutes(10), t =>
                        t < breachStart ? normal : t < holdStart ? breach : t < recoveryStart ? inBand : normal);
                }

                case RangeFunctionDetector range:
                {
                    // A counter that climbs at twice the limit's rate while breaching, then stays flat.
                    var limit = range.Condition.Levels[0].Threshold;
                    var perSecond = range.Function == RangeFunction.Increase ? 2 * limit / range.Window.TotalSeconds : 2 * limit;
                    holdStart += range.Window;
                    var recoveryStart = holdStart;
                    return new Scenario(breachStart, holdStart, recoveryStart, recoveryStart + range.Window + TimeSpan.FromMinutes(5), t =>
                        perSecond * (Clamp(t, breachStart, holdStart) - breachStart).TotalSeconds);
                }

                default:
                    throw new InvalidOperationException($"No scenario for {rule.Detector?.GetType().Name} ({rule.Name}).");
            }
        }

        private static TimeSpan Clamp(TimeSpan t, TimeSpan low, TimeSpan high) => t < low ? low : t > high ? high : t;
    }
}
