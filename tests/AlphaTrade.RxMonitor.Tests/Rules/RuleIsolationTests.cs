using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Rules;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Rules;

public sealed class RuleIsolationTests
{
    private static readonly SeriesKey CpuA = SeriesKey.Create("cpu", new Label("instance", "a"));
    private static readonly SeriesSelector Cpu = SeriesSelector.Parse("cpu");
    private static readonly RuleEvaluationOptions EveryMinute = new() { EvaluationInterval = TimeSpan.FromMinutes(1) };

    private static (List<AlertEvent> Events, Exception? Error, CollectingFailureListener Failures) Run(VirtualSamples input, double until, params AlertRule[] rules)
    {
        var events = new List<AlertEvent>();
        Exception? error = null;
        var failures = new CollectingFailureListener();
        input.Samples.EvaluateRules(rules, input.Scheduler, failures, EveryMinute).Subscribe(events.Add, e => error = e);
        input.RunTo(until);
        return (events, error, failures);
    }

    [Fact]
    public void EvaluateRules_DetectorThrows_ReportsRuleFaultAndOtherRulesGoOn()
    {
        var broken = new AlertRule("Broken", Cpu, new ThrowingDetector()) { Severity = Severity.Error, Labels = LabelSet.Create(new Label("team", "x")) };
        var healthy = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)));
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 95, 50);

        var (events, error, failures) = Run(input, 200, broken, healthy);

        Assert.Null(error);
        var fault = Assert.Single(events, e => e.Kind == AlertEventKind.RuleFault);
        Assert.Equal(("Broken", AlertState.Firing, Severity.Error), (fault.RuleName, fault.State, fault.Severity));
        Assert.IsType<InvalidOperationException>(fault.Fault);
        Assert.Equal(LabelSet.Create(new Label("alertname", "Broken"), new Label("rule_fault", "true"), new Label("team", "x")), fault.Labels);
        Assert.Equal(["Firing", "Resolved"], events.Where(e => e.RuleName == "HighCpu").Select(e => e.State.ToString()));
        var failure = Assert.Single(failures.Failures);
        Assert.Equal((PipelineComponent.Rule, "Broken"), (failure.Component, failure.Name));
    }

    [Fact]
    public void EvaluateRules_ChangeTrackingDetectorThrowsTakingASample_FaultsOnlyItsRuleAndTheNextRuleTakesThatSample()
    {
        var broken = new AlertRule("Broken", Cpu, new ThrowingWhileTakingDetector(throwOnSample: 2));
        var healthy = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)));
        var input = new VirtualSamples().Every(CpuA, 0, 60, 50, 95, 95, 50);

        var (events, error, failures) = Run(input, 200, broken, healthy);

        Assert.Null(error);
        var fault = Assert.Single(events, e => e.Kind == AlertEventKind.RuleFault);
        Assert.Equal(("Broken", VirtualSamples.At(60)), (fault.RuleName, fault.Timestamp.UtcTicks));
        Assert.Equal(
            [(AlertState.Firing, VirtualSamples.At(60)), (AlertState.Resolved, VirtualSamples.At(180))],
            events.Where(e => e.RuleName == "HighCpu").Select(e => (e.State, e.Timestamp.UtcTicks)));
        Assert.Equal("Broken", Assert.Single(failures.Failures).Name);
    }

    [Fact]
    public void EvaluateRules_ObserverThrowsOnAnEventOfAChangeTrackingRule_IsNotTakenForTheRulesFault()
    {
        var mean = new AlertRule("HighMean", Cpu, new WindowAggregateDetector(TimeSpan.FromMinutes(1), WindowAggregation.Mean, ThresholdCondition.Above(90)));
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 95, 95);
        var failures = new CollectingFailureListener();
        input.Samples.EvaluateRules([mean], input.Scheduler, failures, EveryMinute)
            .Subscribe(_ => throw new InvalidOperationException("observer broke"));

        var thrown = Assert.Throws<InvalidOperationException>(() => input.RunTo(200));

        Assert.Equal("observer broke", thrown.Message);
        Assert.Empty(failures.Failures);
    }

    [Fact]
    public void EvaluateRules_DetectorThrowsWhileFiring_ResolvesItsAlertsBeforeTheFault()
    {
        var broken = new AlertRule("Broken", Cpu, new ThrowingDetector(throwOnEvaluation: 2));
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 95);

        var (events, _, _) = Run(input, 100, broken);

        Assert.Equal(
            [(AlertState.Firing, AlertEventKind.Condition), (AlertState.Resolved, AlertEventKind.Condition), (AlertState.Firing, AlertEventKind.RuleFault)],
            events.Select(e => (e.State, e.Kind)));
    }

    [Fact]
    public void EvaluateRules_FaultedRule_StopsEvaluating()
    {
        var broken = new AlertRule("Broken", Cpu, new ThrowingDetector());
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 95, 95, 95);

        var (events, _, failures) = Run(input, 400, broken);

        Assert.Single(events);
        Assert.Single(failures.Failures);
    }

    [Fact]
    public void EvaluateRules_UserQueryErrors_FaultsOnlyThatRule()
    {
        var broken = new AlertRule("Query", Cpu, samples => samples.Select<MetricSample, DetectorSignal>(_ => throw new FormatException("bad query")));
        var healthy = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)));
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 95);

        var (events, error, failures) = Run(input, 100, broken, healthy);

        Assert.Null(error);
        Assert.IsType<FormatException>(Assert.Single(events, e => e.Kind == AlertEventKind.RuleFault).Fault);
        Assert.Single(events, e => e.RuleName == "HighCpu");
        Assert.Single(failures.Failures);
    }

    [Fact]
    public void EvaluateRules_UserQuerySignalsAnotherSeries_FaultsOnlyThatRuleNamingBoth()
    {
        var other = SeriesKey.Create("cpu", new Label("instance", "b"));
        var relabelling = new AlertRule("Query", Cpu, samples => samples.Select(s => DetectorSignal.Breached(other, s.Timestamp, s.Value, Severity.Warning)));
        var healthy = new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)));
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95, 95);

        var (events, error, failures) = Run(input, 100, relabelling, healthy);

        Assert.Null(error);
        var fault = Assert.Single(events, e => e.Kind == AlertEventKind.RuleFault).Fault;
        Assert.Contains("instance=\"b\"", fault!.Message, StringComparison.Ordinal);
        Assert.Contains("instance=\"a\"", fault.Message, StringComparison.Ordinal);
        Assert.Single(events, e => e.RuleName == "HighCpu");
        Assert.Single(failures.Failures);
    }

    [Fact]
    public void EvaluateRules_UserQueryEndsWithOnError_FaultsThatRuleWithTheError()
    {
        var broken = new AlertRule("Query", Cpu, samples => samples.SelectMany(_ => Observable.Throw<DetectorSignal>(new FormatException("bad signal"))));
        var input = new VirtualSamples().Every(CpuA, 0, 60, 95);

        var (events, error, _) = Run(input, 100, broken);

        Assert.Null(error);
        Assert.Equal("bad signal", Assert.IsType<FormatException>(Assert.Single(events, e => e.Kind == AlertEventKind.RuleFault).Fault).Message);
    }

    [Fact]
    public void EvaluateRules_UpstreamError_IsPassedOn()
    {
        var input = new VirtualSamples();
        Exception? error = null;
        input.Samples.EvaluateRules([new AlertRule("HighCpu", Cpu, new ThresholdDetector(ThresholdCondition.Above(90)))], input.Scheduler)
            .Subscribe(_ => { }, e => error = e);
        input.Samples.OnError(new TimeoutException("source"));
        Assert.IsType<TimeoutException>(error);
    }
}
