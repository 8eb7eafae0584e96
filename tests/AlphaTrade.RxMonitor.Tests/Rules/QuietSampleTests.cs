using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules;

/// <summary>
/// A rule set hands a series' quiet samples (those before every rule's quiet time) to the rules' windows only, and rules
/// with the same window share them (one takes them, the others catch up). These tests show each rule still raises
/// exactly the events it raises alone: across grid evaluations, gaps, staleness, pruning, reloads and rules that do not share.
/// </summary>
public sealed class QuietSampleTests
{
    private static readonly SeriesKey[] Keys =
        [.. Enumerable.Range(0, 3).Select(i => SeriesKey.Create("quiet_test", new Label("s", i.ToString(System.Globalization.CultureInfo.InvariantCulture))))];

    private static readonly SeriesSelector AllSeries = SeriesSelector.Parse("quiet_test");

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void EvaluateRules_RulesWithTheSameWindow_RaiseTheEventsEachRaisesAlone(int seed)
    {
        AlertRule[] rules =
        [
            Rule("MeanWarning", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(60)), forSeconds: 4),
            Rule("MeanCritical", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(66))),
            Rule("MeanRising", new PercentChangeDetector(TimeSpan.FromSeconds(2), ThresholdCondition.Above(15), staleness: TimeSpan.FromSeconds(30))),
            Rule("MeanShortStale", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(62)), staleAfterSeconds: 10),
            Rule("Max", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Max, ThresholdCondition.Above(78))),
            Rule("MaxAgain", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Max, ThresholdCondition.Above(79)), keepFiringSeconds: 3),
            Rule("SlowMean", new WindowAggregateDetector(TimeSpan.FromSeconds(3), WindowAggregation.Mean, ThresholdCondition.Above(61))),
        ];

        AssertEachRaisesWhatItRaisesAlone(seed, rules);
    }

    [Fact]
    public void EvaluateRules_SeriesWithARuleWhoseWindowIsNotPlain_RaisesTheEventsEachRaisesAlone()
    {
        AlertRule[] rules =
        [
            Rule("MeanWarning", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(60))),
            Rule("MeanCritical", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(66))),

            // A quantile's window holds a sketch: the series it matches goes rule by rule, the others stay quiet.
            new AlertRule("P90", SeriesSelector.Parse("quiet_test{s=\"0\"}"), new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Quantile, ThresholdCondition.Above(70), quantile: 0.9))
            {
                EvaluationInterval = TimeSpan.FromSeconds(1),
            },
        ];

        AssertEachRaisesWhatItRaisesAlone(seed: 7, rules);
    }

    [Fact]
    public void Replace_WhileARuleFollowsAnothersWindow_KeptRulesRaiseTheEventsOfARunWithoutTheReload()
    {
        var warning = Rule("MeanWarning", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(60)));
        var critical = Rule("MeanCritical", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(70)));
        var added = Rule("Max", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Max, ThresholdCondition.Above(95)));

        var uninterrupted = RunThroughOneHighWindow(new ReloadableRuleSet([warning, critical]), reload: null);

        // At 95.55 s the quiet samples since the grid time at 95 s (all 90) are in the warning's window only.
        var reloaded = RunThroughOneHighWindow(new ReloadableRuleSet([warning, critical]), reload: set => set.Replace([warning, critical, added]));

        Assert.Contains("1970-01-01T00:01:36.0000000+00:00 Firing 72", uninterrupted["MeanCritical"]);
        Assert.Equal(uninterrupted["MeanWarning"], reloaded["MeanWarning"]);
        Assert.Equal(uninterrupted["MeanCritical"], reloaded["MeanCritical"]);
    }

    [Fact]
    public void EvaluateRules_LateSampleAfterItsSeriesWasPruned_IsTakenByANewStateOfTheSeries()
    {
        var input = new VirtualSamples();
        var series = Keys[0];
        var rule = new AlertRule("Mean", AllSeries, new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(60), staleness: TimeSpan.FromSeconds(1)))
        {
            StaleAfter = TimeSpan.FromSeconds(1),
            EvaluationInterval = TimeSpan.FromSeconds(1),
        };
        input.Add(series, (0.0, 10), (0.1, 10));

        // Delivered at 10 s, long after grid evaluations pruned the series (3 s without a sample): the new state takes
        // the sample at 0.2 s, and the one at 2.5 s closes the window [0 s, 2 s) that holds it alone.
        input.Scheduler.Schedule(VirtualSamples.Time(10), () =>
        {
            input.Samples.OnNext(new MetricSample(series, VirtualSamples.At(0.2), 90));
            input.Samples.OnNext(new MetricSample(series, VirtualSamples.At(2.5), 10));
        });
        var events = new List<AlertEvent>();
        using var subscription = input.Samples.EvaluateRule(rule, input.Scheduler).Subscribe(events.Add);
        input.Scheduler.AdvanceTo(VirtualSamples.At(10.5));

        var firing = Assert.Single(events, e => e.State == AlertState.Firing);
        Assert.Equal(VirtualSamples.Time(2.5), firing.Timestamp);
        Assert.Equal(90, firing.Value);
    }

    [Fact]
    public void EvaluateRules_SampleOlderThanItsSeriesNewestInAQuietRun_IsSkippedAndReported()
    {
        var input = new VirtualSamples();
        var series = Keys[0];
        var failures = new CollectingFailureListener();
        var rule = Rule("Mean", new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(60)));
        input.Add(series, (0.0, 50), (0.3, 50), (1.0, 50), (2.0, 50));

        // At 0.4 s, before the next grid time, one of 0.2 s: older than the series' newest, so not in the window's mean.
        input.Scheduler.Schedule(VirtualSamples.Time(0.4), () => input.Samples.OnNext(new MetricSample(series, VirtualSamples.At(0.2), 200)));
        var events = new List<AlertEvent>();
        using var subscription = input.Samples.EvaluateRules([rule], input.Scheduler, failures).Subscribe(events.Add);
        input.Scheduler.AdvanceTo(VirtualSamples.At(2.5));

        Assert.DoesNotContain(events, e => e.State == AlertState.Firing);
        Assert.Contains("older than that series' newest", Assert.Single(failures.Failures).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateRules_QuietSamples_KeepTheirSeriesFresh()
    {
        var input = new VirtualSamples().Every(Keys[0], 0, 0.1, [.. Enumerable.Repeat(50.0, 60)]);
        var rule = new AlertRule("Mean", AllSeries, new WindowAggregateDetector(TimeSpan.FromSeconds(2), WindowAggregation.Mean, ThresholdCondition.Above(60)))
        {
            StaleAfter = TimeSpan.FromSeconds(0.5),
            StalenessPolicy = StalenessPolicy.NoData,
            EvaluationInterval = TimeSpan.FromSeconds(1),
        };
        var events = new List<AlertEvent>();
        using var subscription = input.Samples.EvaluateRule(rule, input.Scheduler).Subscribe(events.Add);

        // Grid evaluations every second would find a series stale whose quiet samples left its time behind.
        input.Scheduler.AdvanceTo(VirtualSamples.At(5.95));

        Assert.DoesNotContain(events, e => e.Kind == AlertEventKind.NoData);
    }

    private static void AssertEachRaisesWhatItRaisesAlone(int seed, AlertRule[] rules)
    {
        var together = Run(seed, new ReloadableRuleSet(rules));
        foreach (var rule in rules)
        {
            var alone = Run(seed, new ReloadableRuleSet([rule]));
            Assert.NotEmpty(alone[rule.Name]);
            Assert.Equal(alone[rule.Name], together[rule.Name]);
        }
    }

    private static AlertRule Rule(string name, IDetector detector, int forSeconds = 0, int keepFiringSeconds = 0, int staleAfterSeconds = 300) =>
        new(name, AllSeries, detector)
        {
            For = TimeSpan.FromSeconds(forSeconds),
            KeepFiringFor = TimeSpan.FromSeconds(keepFiringSeconds),
            StaleAfter = TimeSpan.FromSeconds(staleAfterSeconds),
            EvaluationInterval = TimeSpan.FromSeconds(1),
        };

    private static Dictionary<string, List<string>> RunThroughOneHighWindow(ReloadableRuleSet set, Action<ReloadableRuleSet>? reload)
    {
        // One series, a sample every 100 ms: 90 from 94 s to 95.5 s, 0 otherwise; the window [94 s, 96 s) has mean 72.
        var input = new VirtualSamples();
        for (var i = 0; i < 1200; i++)
        {
            var seconds = i * 0.1;
            input.Add(Keys[0], seconds, i is >= 940 and <= 955 ? 90 : 0);
        }

        if (reload is not null)
        {
            input.Scheduler.Schedule(VirtualSamples.Time(95.55), () => reload(set));
        }

        return Collect(input, set, until: 120, withLabels: false);
    }

    private static Dictionary<string, List<string>> Run(int seed, ReloadableRuleSet set)
    {
        var input = new VirtualSamples();
        var random = new Random(seed);
        for (var i = 0; i < 4000; i++)
        {
            var seconds = i * 0.1;

            // Gaps of 40 s now and then: windows go stale, states are pruned and come back.
            if ((int)(seconds / 60) % 4 == 3 && seconds % 60 < 40)
            {
                continue;
            }

            input.Add(Keys[i % Keys.Length], seconds, 40 + (random.NextDouble() * 40));
        }

        return Collect(input, set, until: 500, withLabels: true);
    }

    private static Dictionary<string, List<string>> Collect(VirtualSamples input, ReloadableRuleSet set, double until, bool withLabels)
    {
        var events = new Dictionary<string, List<string>>();
        using var subscription = input.Samples.EvaluateRules(set, input.Scheduler).Subscribe(e =>
        {
            if (!events.TryGetValue(e.RuleName, out var list))
            {
                events[e.RuleName] = list = [];
            }

            list.Add(withLabels ? $"{e.Timestamp:O} {e.Labels} {e.State} {e.Severity} {e.Value}" : $"{e.Timestamp:O} {e.State} {e.Value}");
        });
        input.Scheduler.AdvanceTo(VirtualSamples.At(until));
        return events;
    }
}
