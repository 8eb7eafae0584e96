using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class ThresholdDetectorTests
{
    private static readonly SeriesKey Cpu = SeriesKey.Create("cpu");

    private static long S(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

    private static DetectorResult Step(ISeriesEvaluator evaluator, double seconds, double value)
    {
        evaluator.Add(S(seconds), value);
        return evaluator.Evaluate(S(seconds));
    }

    [Fact]
    public void Evaluate_AboveThreshold_Breaches()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90)).CreateEvaluator(Cpu);
        Assert.Equal(DetectorResult.Breached(95, Severity.Warning), Step(evaluator, 0, 95));
    }

    [Fact]
    public void Evaluate_EqualToThreshold_IsNormal()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90)).CreateEvaluator(Cpu);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 0, 90).Outcome);
    }

    [Fact]
    public void Evaluate_Below_BreachesUnderThreshold()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Below(10, Severity.Critical)).CreateEvaluator(Cpu);
        Assert.Equal(DetectorResult.Breached(5, Severity.Critical), Step(evaluator, 0, 5));
    }

    [Fact]
    public void Evaluate_SampleExactlyFiveMinutesOld_StillCounts()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90)).CreateEvaluator(Cpu);
        evaluator.Add(S(0), 95);
        Assert.Equal(DetectorOutcome.Breached, evaluator.Evaluate(S(300)).Outcome);
        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(S(301)).Outcome);
    }

    [Fact]
    public void Evaluate_NoSampleYet_IsNoData()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90)).CreateEvaluator(Cpu);
        Assert.Equal(DetectorResult.NoData, evaluator.Evaluate(S(0)));
    }

    [Fact]
    public void Evaluate_Levels_EscalateAndDeescalate()
    {
        var condition = new ThresholdCondition(
            ThresholdDirection.Above,
            [new ThresholdLevel(Severity.Warning, 80), new ThresholdLevel(Severity.Critical, 95)]);
        var evaluator = new ThresholdDetector(condition).CreateEvaluator(Cpu);
        Assert.Equal(Severity.Warning, Step(evaluator, 0, 85).Severity);
        Assert.Equal(Severity.Critical, Step(evaluator, 15, 99).Severity);
        var back = Step(evaluator, 30, 85);
        Assert.Equal((DetectorOutcome.Breached, Severity.Warning), (back.Outcome, back.Severity));
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 45, 70).Outcome);
    }

    [Fact]
    public void Evaluate_Recovery_HoldsBreachUntilValueIsAtRecovery()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90, recovery: 80)).CreateEvaluator(Cpu);
        Assert.Equal(DetectorOutcome.Breached, Step(evaluator, 0, 95).Outcome);
        Assert.Equal(DetectorOutcome.Breached, Step(evaluator, 15, 85).Outcome);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 30, 80).Outcome);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 45, 85).Outcome);
    }

    [Fact]
    public void Evaluate_Consecutive_NeedsThatManySamplesInARow()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90, consecutive: 3)).CreateEvaluator(Cpu);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 0, 95).Outcome);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 15, 95).Outcome);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 30, 50).Outcome);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 45, 95).Outcome);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 60, 95).Outcome);
        Assert.Equal(DetectorOutcome.Breached, Step(evaluator, 75, 95).Outcome);
    }

    [Fact]
    public void Evaluate_ReevaluatingSameSample_DoesNotCountAsConsecutive()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90, consecutive: 2)).CreateEvaluator(Cpu);
        Step(evaluator, 0, 95);
        Assert.Equal(DetectorOutcome.Normal, evaluator.Evaluate(S(15)).Outcome);
        Assert.Equal(DetectorOutcome.Normal, evaluator.Evaluate(S(30)).Outcome);
    }

    [Fact]
    public void Evaluate_GapLongerThanLookback_ClearsHysteresis()
    {
        var evaluator = new ThresholdDetector(ThresholdCondition.Above(90, recovery: 80)).CreateEvaluator(Cpu);
        Step(evaluator, 0, 95);
        Assert.Equal(DetectorOutcome.Normal, Step(evaluator, 400, 85).Outcome);
    }

    [Fact]
    public void Constructor_InvalidLevels_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdCondition(
            ThresholdDirection.Above,
            [new ThresholdLevel(Severity.Warning, double.NaN), new ThresholdLevel(Severity.Critical, 90, 95)]));
        Assert.Contains("levels[0].threshold must be a finite number", error.Message, StringComparison.Ordinal);
        Assert.Contains("levels[1].recovery (95) must not be above its threshold (90)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoLevels_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ThresholdCondition(ThresholdDirection.Below, []));
        Assert.Contains("at least one level", error.Message, StringComparison.Ordinal);
    }
}
