using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules;

public sealed class EvaluateRuleTests
{
    private static readonly SeriesKey CpuA = SeriesKey.Create("cpu", new Label("instance", "a"));
    private static readonly SeriesSelector Cpu = SeriesSelector.Parse("cpu");
    private static readonly RuleEvaluationOptions EveryMinute = new() { EvaluationInterval = TimeSpan.FromMinutes(1) };

    private static AlertRule Above(double threshold) => new("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(threshold)));

    private static List<AlertEvent> Run(VirtualSamples input, AlertRule rule, double until, RuleEvaluationOptions? options = null)
    {
        var events = new List<AlertEvent>();
        input.Samples.EvaluateRule(rule, input.Scheduler, options: options ?? EveryMinute).Subscribe(events.Add);
        input.RunTo(until);
        return events;
    }

    private static string[] Transitions(IEnumerable<AlertEvent> events) =>
        [.. events.Select(e => $"{(e.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds}:{e.State}")];

    [Fact]
    public void EvaluateRule_ForZero_FiresAtBreachingSampleAndResolvesAtNormalOne()
    {
        var input = new VirtualSamples().Every(CpuA, 0, 60, 50, 95, 95, 50);
        Assert.Equal(["60:Firing", "180:Resolved"], Transitions(Run(input, Above(90), 300)));
    }

    [Fact]
    public void EvaluateRule_For_PendingThenFiringWhenHeldLongEnough()
    {
        var input = new VirtualSamples().Every(CpuA, 0, 60, 50, 95, 95, 95, 50);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90))) { For = TimeSpan.FromMinutes(2) };
        Assert.Equal(["60:Pending", "180:Firing", "240:Resolved"], Transitions(Run(input, rule, 300)));
    }

    [Fact]
    public void EvaluateRule_PendingConditionStops_EndsPendingWithResolved()
    {
        var input = new VirtualSamples().Every(CpuA, 60, 60, 95, 50);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90))) { For = TimeSpan.FromMinutes(5) };
        var events = Run(input, rule, 300);
        Assert.Equal(["60:Pending", "120:Resolved"], Transitions(events));
        Assert.Equal(events[0].ActiveAt, events[1].ActiveAt);
    }

    [Fact]
    public void EvaluateRule_KeepFiringFor_ResolvesOnlyAfterConditionStayedFalseThatLong()
    {
        var input = new VirtualSamples().Every(CpuA, 60, 60, 95, 50, 50, 50, 50);
        var rule = Above(90);
        rule = new AlertRule(rule.Name, rule.Selector, rule.Detector!) { KeepFiringFor = TimeSpan.FromMinutes(2) };
        Assert.Equal(["60:Firing", "240:Resolved"], Transitions(Run(input, rule, 400)));
    }

    [Fact]
    public void EvaluateRule_KeepFiringFor_ConditionReturning_RestartsTheCount()
    {
        var input = new VirtualSamples().Every(CpuA, 60, 60, 95, 50, 95, 50, 50, 50);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90))) { KeepFiringFor = TimeSpan.FromMinutes(2) };
        Assert.Equal(["60:Firing", "360:Resolved"], Transitions(Run(input, rule, 400)));
    }

    [Fact]
    public void EvaluateRule_SeriesStopsReporting_ResolvesAfterFiveMinuteLookback()
    {
        var input = new VirtualSamples().Add(CpuA, 60, 95);
        Assert.Equal(["60:Firing", "420:Resolved"], Transitions(Run(input, Above(90), 600)));
    }

    [Fact]
    public void EvaluateRule_SeriesPrunedThenBack_IsEvaluatedAfresh()
    {
        // Normal at 0 s, pruned at the 360 s grid (inactive, silent longer than 5 minutes); back at 600 s: the
        // new state fires and, once silent again, is resolved by the grid after the 5-minute lookback.
        var input = new VirtualSamples().Add(CpuA, 0, 50).Add(CpuA, 600, 95);
        Assert.Equal(["600:Firing", "960:Resolved"], Transitions(Run(input, Above(90), 1000)));
    }

    [Fact]
    public void EvaluateRule_SampleBetweenGridTimes_FiresAtItsOwnTimestamp()
    {
        var input = new VirtualSamples().Add(CpuA, 30, 95);
        var events = Run(input, Above(90), 45);
        Assert.Equal(["30:Firing"], Transitions(events));
    }

    [Fact]
    public void EvaluateRule_GridEvaluation_RunsAfterDelayStampedWithGridTime()
    {
        var input = new VirtualSamples().Add(CpuA, 0, 95);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90))) { For = TimeSpan.FromMinutes(1) };
        var options = new RuleEvaluationOptions { EvaluationInterval = TimeSpan.FromMinutes(1), EvaluationDelay = TimeSpan.FromSeconds(10) };
        var events = new List<AlertEvent>();
        input.Samples.EvaluateRule(rule, input.Scheduler, options: options).Subscribe(events.Add);
        input.RunTo(69);
        Assert.Equal(["0:Pending"], Transitions(events));
        input.RunTo(70);
        Assert.Equal(["0:Pending", "60:Firing"], Transitions(events));
    }

    [Fact]
    public void EvaluateRule_LateSample_IsNotEvaluatedBeforeAGridTimeAlreadyEvaluated()
    {
        var input = new VirtualSamples().Add(CpuA, 0, 95);
        var late = new MetricSample(CpuA, VirtualSamples.At(59), 50);
        input.Scheduler.Schedule(VirtualSamples.Time(61), () => input.Samples.OnNext(late));
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90))) { For = TimeSpan.FromMinutes(5) };
        Assert.Equal(["0:Pending", "120:Resolved"], Transitions(Run(input, rule, 150)));
    }

    [Fact]
    public void EvaluateRule_Levels_EscalateAndDeescalateInsideOneAlert()
    {
        var levels = new ThresholdCondition(ThresholdDirection.Above, [new ThresholdLevel(Severity.Warning, 80), new ThresholdLevel(Severity.Critical, 95)]);
        var input = new VirtualSamples().Every(CpuA, 0, 60, 85, 99, 85, 50);
        var events = Run(input, new AlertRule("HighCpu", Cpu, new ThresholdDetector(levels)), 200);
        Assert.Equal(["0:Firing", "60:Firing", "120:Firing", "180:Resolved"], Transitions(events));
        Assert.Equal([Severity.Warning, Severity.Critical, Severity.Warning, Severity.Warning], events.Select(e => e.Severity));
        Assert.All(events, e => Assert.Equal(events[0].ActiveAt, e.ActiveAt));
    }

    [Fact]
    public void EvaluateRule_Hysteresis_KeepsFiringBetweenRecoveryAndThreshold()
    {
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 85, 85, 79);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90, recovery: 80)));
        Assert.Equal(["0:Firing", "180:Resolved"], Transitions(Run(input, rule, 200)));
    }

    [Fact]
    public void EvaluateRule_Consecutive_FiresOnTheNthBreachingSample()
    {
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 95, 95);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90, consecutive: 3)));
        Assert.Equal(["120:Firing"], Transitions(Run(input, rule, 150)));
    }

    [Fact]
    public void EvaluateRule_NoDataPolicy_RaisesNoDataAlertWhileStale()
    {
        var input = new VirtualSamples().Add(CpuA, 0, 50).Add(CpuA, 300, 50);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)))
        {
            StaleAfter = TimeSpan.FromMinutes(2),
            StalenessPolicy = StalenessPolicy.NoData,
            Severity = Severity.Error,
        };
        var events = Run(input, rule, 400);
        Assert.Equal(["180:Firing", "300:Resolved"], Transitions(events));
        Assert.All(events, e => Assert.Equal(AlertEventKind.NoData, e.Kind));
        Assert.Equal("true", events[0].Labels.Get(AlertLabels.NoData));
        Assert.Equal(Severity.Error, events[0].Severity);
    }

    [Fact]
    public void EvaluateRule_KeepPolicy_HoldsFiringAlertWhileStale()
    {
        var input = new VirtualSamples().Add(CpuA, 0, 95).Add(CpuA, 900, 50);
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90))) { StalenessPolicy = StalenessPolicy.Keep };
        Assert.Equal(["0:Firing", "900:Resolved"], Transitions(Run(input, rule, 1000)));
    }

    [Fact]
    public void EvaluateRule_Absent_FiresFromStartWithSelectorLabels()
    {
        var selector = SeriesSelector.Parse("up{job=\"api\"}");
        var rule = new AlertRule("ApiDown", selector, new AbsentDetector(selector, TimeSpan.FromMinutes(2)));
        var input = new VirtualSamples().Add(SeriesKey.Create("up", new Label("job", "api"), new Label("instance", "a")), 90, 1);
        var events = Run(input, rule, 300);
        Assert.Equal(["0:Firing", "90:Resolved", "240:Firing"], Transitions(events));
        Assert.Equal(LabelSet.Create(new Label("alertname", "ApiDown"), new Label("job", "api")), events[0].Labels);
    }

    [Fact]
    public void EvaluateRule_Absent_IgnoresSeriesNotMatchingTheSelector()
    {
        var selector = SeriesSelector.Parse("up{job=\"api\"}");
        var rule = new AlertRule("ApiDown", selector, new AbsentDetector(selector, TimeSpan.FromMinutes(2)));
        var input = new VirtualSamples().Add(SeriesKey.Create("up", new Label("job", "db")), 30, 1);
        Assert.Equal(["0:Firing"], Transitions(Run(input, rule, 300)));
    }

    [Fact]
    public void EvaluateRule_Labels_AreSeriesThenRuleLabelsThenAlertname()
    {
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)))
        {
            Labels = LabelSet.Create(new Label("team", "infra"), new Label("instance", "override")),
        };
        var input = new VirtualSamples().Add(SeriesKey.Create("cpu", new Label("instance", "a"), new Label("core", "1")), 0, 95);
        var alert = Assert.Single(Run(input, rule, 10));
        Assert.Equal(
            LabelSet.Create(new Label("alertname", "HighCpu"), new Label("core", "1"), new Label("instance", "override"), new Label("team", "infra")),
            alert.Labels);
        Assert.Equal(CpuA.Name, alert.Series!.Name);
    }

    [Fact]
    public void EvaluateRule_Annotations_RenderValueAndLabelsAsPrometheus()
    {
        var rule = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)))
        {
            Annotations = new Dictionary<string, string> { ["summary"] = "CPU {{ $value }} on {{ $labels.instance }}{{$labels.zone}}" },
        };
        var input = new VirtualSamples().Add(CpuA, 0, 1234567.5);
        var alert = Assert.Single(Run(input, rule, 10));
        Assert.Equal("CPU 1.2345675e+06 on a<no value>", alert.Annotations["summary"]);
        Assert.Equal(1234567.5, alert.Value);
    }

    [Fact]
    public void EvaluateRule_TrendAnnotation_RendersSecondsToLimit()
    {
        var rule = new AlertRule("DiskFull", SeriesSelector.Parse("disk_free"), new TrendDetector(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), ThresholdCondition.Below(0)))
        {
            Annotations = new Dictionary<string, string> { ["summary"] = "full in {{ $detail }}s" },
        };
        var input = new VirtualSamples().Every(SeriesKey.Create("disk_free"), 0, 15, 100, 90, 80, 70, 60);
        // First breach at 15 s: the line through (0,100),(15,90) is at 90 and falls 2/3 per second → 0 in 135 s.
        var alert = Run(input, rule, 60)[0];
        Assert.Equal("full in 135s", alert.Annotations["summary"]);
    }

    [Fact]
    public void EvaluateRule_RateRule_FiresOnCounterIncrease()
    {
        // rate(requests[1m]) > 1 for a counter growing 1/s, then 2/s from 60 s on: at 75 s the range [15,75]
        // holds 15,30,45,60,90 → 75/60 = 1.25. At 180 s only the 120 s sample is in [120,180]: no rate, resolved.
        var requests = SeriesKey.Create("requests_total");
        var rule = new AlertRule("HighRate", SeriesSelector.Parse("requests_total"), new RangeFunctionDetector(RangeFunction.Rate, TimeSpan.FromMinutes(1), ThresholdCondition.Above(1)));
        var input = new VirtualSamples().Every(requests, 0, 15, 0, 15, 30, 45, 60, 90, 120, 150, 180);
        var events = Run(input, rule, 200);
        Assert.Equal(["75:Firing", "180:Resolved"], Transitions(events));
        Assert.Equal(1.25, events[0].Value, 12);
    }

    [Fact]
    public void EvaluateRule_UpstreamCompletes_CompletesAndStopsTimers()
    {
        var input = new VirtualSamples().Add(CpuA, 0, 95);
        var completed = false;
        input.Samples.EvaluateRule(Above(90), input.Scheduler, options: EveryMinute).Subscribe(_ => { }, () => completed = true);
        input.RunTo(30);
        input.Samples.OnCompleted();
        input.RunTo(600);
        Assert.True(completed);
    }

    [Fact]
    public void EvaluateRule_UserQueryDetector_PlugsInLikeABuiltInOne()
    {
        var rule = new AlertRule(
            "Spike",
            Cpu,
            samples => samples.Select(s => s.Value > 90
                ? DetectorSignal.Breached(s.Key, s.Timestamp, s.Value, Severity.Critical)
                : DetectorSignal.Normal(s.Key, s.Timestamp, s.Value)))
        {
            For = TimeSpan.FromMinutes(1),
        };
        var input = new VirtualSamples().Add(CpuA, 0, 95).Add(CpuA, 150, 50);
        var events = Run(input, rule, 200);
        Assert.Equal(["0:Pending", "60:Firing", "150:Resolved"], Transitions(events));
        Assert.Equal(Severity.Critical, events[1].Severity);
    }

    [Fact]
    public void EvaluateRule_UserQueryDetector_LastSignalEndsWhenStale()
    {
        var rule = new AlertRule("Spike", Cpu, samples => samples.Select(s => DetectorSignal.Breached(s.Key, s.Timestamp, s.Value, Severity.Warning)))
        {
            StaleAfter = TimeSpan.FromMinutes(2),
        };
        var input = new VirtualSamples().Add(CpuA, 0, 95);
        Assert.Equal(["0:Firing", "180:Resolved"], Transitions(Run(input, rule, 300)));
    }

    [Fact]
    public void EvaluateRule_UserQuery_RunsOncePerSeriesOnThatSeriesAlone()
    {
        var cpuB = SeriesKey.Create("cpu", new Label("instance", "b"));
        var inputs = new List<List<SeriesKey>>();
        var rule = new AlertRule("Seen", Cpu, samples =>
        {
            var keys = new List<SeriesKey>();
            inputs.Add(keys);
            return samples.Do(s => keys.Add(s.Key)).Select(s => DetectorSignal.Normal(s.Key, s.Timestamp, s.Value));
        });
        var input = new VirtualSamples().Add(CpuA, 0, 1).Add(cpuB, 0, 2).Add(CpuA, 10, 3).Add(cpuB, 10, 4);

        Run(input, rule, 20);

        Assert.Equal(2, inputs.Count);
        Assert.Equal([CpuA, CpuA], inputs[0]);
        Assert.Equal([cpuB, cpuB], inputs[1]);
    }

    [Fact]
    public void EvaluateRule_DocsSpikeQuery_FiresOnJumpAfterFor()
    {
        // The snippet of docs/rules.md: a user detector as an Rx query, plugged in as a rule.
        var spike = new AlertRule(
            "LatencySpike",
            SeriesSelector.Parse("order_latency_ms"),
            samples => samples
                .GroupBy(s => s.Key)
                .SelectMany(series => series.Zip(series.Skip(1), (previous, current) =>
                    current.Value > 3 * previous.Value
                        ? DetectorSignal.Breached(current.Key, current.Timestamp, current.Value, Severity.Critical)
                        : DetectorSignal.Normal(current.Key, current.Timestamp, current.Value))))
        {
            For = TimeSpan.FromSeconds(30),
            Annotations = new Dictionary<string, string> { ["summary"] = "latency {{ $value }} ms on {{ $labels.venue }}" },
        };
        var xnys = SeriesKey.Create("order_latency_ms", new Label("venue", "xnys"));
        var input = new VirtualSamples().Every(xnys, 0, 10, 2, 2, 9, 9, 2);

        var events = Run(input, spike, 60, new RuleEvaluationOptions { EvaluationInterval = TimeSpan.FromSeconds(10) });

        // 9 > 3 × 2 at 20 s: pending; at 30 s 9 is not > 27 → the breach ends before for = 30 s.
        Assert.Equal(["20:Pending", "30:Resolved"], Transitions(events));
        Assert.Equal("latency 9 ms on xnys", events[0].Annotations["summary"]);
    }
}
