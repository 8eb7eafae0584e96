using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules;

public sealed class ReloadableRuleSetTests
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu");
    private static readonly RuleEvaluationOptions EveryMinute = new() { EvaluationInterval = TimeSpan.FromMinutes(1) };

    private static AlertRule Above(string name, double threshold, string? definition = null) =>
        new(name, SeriesSelector.Parse("cpu"), new ThresholdDetector(ThresholdCondition.Above(threshold)))
        {
            For = TimeSpan.FromMinutes(1),
            Definition = definition ?? $"{name} > {threshold}",
        };

    private static (VirtualSamples Input, ReloadableRuleSet Set, List<AlertEvent> Events) Start(params AlertRule[] rules)
    {
        var input = new VirtualSamples().Every(Cpu, 0, 60, 95, 95, 95, 95, 95, 95, 95, 95, 95, 95);
        var set = new ReloadableRuleSet(rules, EveryMinute);
        var events = new List<AlertEvent>();
        input.Samples.EvaluateRules(set, input.Scheduler).Subscribe(events.Add);
        return (input, set, events);
    }

    // Whole seconds: a replacement runs at the scheduler's next turn, which a TestScheduler places one tick later.
    private static string[] Transitions(IEnumerable<AlertEvent> events) =>
        [.. events.Select(e => $"{e.RuleName}@{Math.Floor((e.Timestamp - DateTimeOffset.UnixEpoch).TotalSeconds)}:{e.State}")];

    [Fact]
    public void Replace_SameDefinition_KeepsTheFiringAlertAndItsActiveAt()
    {
        var (input, set, events) = Start(Above("High", 90));
        input.RunTo(150);

        var change = set.Replace([Above("High", 90)]);
        input.RunTo(400);

        Assert.Equal(["High"], change.Kept);
        Assert.Equal(["High@0:Pending", "High@60:Firing"], Transitions(events));
    }

    [Fact]
    public void Replace_ChangedDefinition_ResolvesAtTheReloadAndStartsPendingAgain()
    {
        var (input, set, events) = Start(Above("High", 90));
        input.RunTo(150);

        var change = set.Replace([Above("High", 80)]);
        input.RunTo(250);

        Assert.Equal(["High"], change.Changed);
        Assert.Equal(["High@0:Pending", "High@60:Firing", "High@150:Resolved", "High@180:Pending", "High@240:Firing"], Transitions(events));
        Assert.Equal(VirtualSamples.Time(180), events[3].ActiveAt);
    }

    [Fact]
    public void Replace_RuleRemoved_ResolvesItsAlertsAndKeepsTheOthers()
    {
        var (input, set, events) = Start(Above("High", 90), Above("Higher", 92));
        input.RunTo(150);

        var change = set.Replace([Above("Higher", 92)]);
        input.RunTo(400);

        Assert.Equal(["High"], change.Removed);
        Assert.Equal(["Higher"], change.Kept);
        Assert.Equal(["High@0:Pending", "Higher@0:Pending", "High@60:Firing", "Higher@60:Firing", "High@150:Resolved"], Transitions(events));
    }

    [Fact]
    public void Replace_RuleAdded_EvaluatesItFromTheNextSample()
    {
        var (input, set, events) = Start(Above("High", 90));
        input.RunTo(150);

        var change = set.Replace([Above("High", 90), Above("Other", 50)]);
        input.RunTo(250);

        Assert.Equal(["Other"], change.Added);
        Assert.Equal(["High@0:Pending", "High@60:Firing", "Other@180:Pending", "Other@240:Firing"], Transitions(events));
    }

    [Fact]
    public void Replace_CodeRuleWithoutDefinition_IsTheSameRuleOnlyAsTheSameInstance()
    {
        var rule = new AlertRule("Code", SeriesSelector.Parse("cpu"), new ThresholdDetector(ThresholdCondition.Above(90)));
        var (_, set, _) = Start(rule);

        var same = set.Replace([rule]);
        var rebuilt = set.Replace([new AlertRule("Code", SeriesSelector.Parse("cpu"), new ThresholdDetector(ThresholdCondition.Above(90)))]);

        Assert.Equal(["Code"], same.Kept);
        Assert.Equal(["Code"], rebuilt.Changed);
    }

    [Fact]
    public void Replace_EvaluationIntervalChanged_RestartsRulesThatUseTheDefault()
    {
        var (input, set, events) = Start(Above("High", 90));
        input.RunTo(150);

        var change = set.Replace([Above("High", 90)], new RuleEvaluationOptions { EvaluationInterval = TimeSpan.FromSeconds(30) });

        Assert.Equal(["High"], change.Changed);
        input.RunTo(151);
        Assert.Equal(AlertState.Resolved, events[^1].State);
    }
}
