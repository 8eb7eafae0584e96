using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class WindowDetectorTests
{
    private static readonly SeriesKey Requests = SeriesKey.Create("requests_total");

    private static long S(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

    private static ISeriesEvaluator Fed(IDetector detector, double step, params double[] values)
    {
        var evaluator = detector.CreateEvaluator(Requests);
        for (var i = 0; i < values.Length; i++)
        {
            evaluator.Add(S(i * step), values[i]);
        }

        return evaluator;
    }

    [Fact]
    public void RangeFunction_RateAboveThreshold_BreachesWithRate()
    {
        var detector = new RangeFunctionDetector(RangeFunction.Rate, TimeSpan.FromMinutes(1), ThresholdCondition.Above(0.5));
        var result = Fed(detector, 15, 0, 15, 30, 45, 60).Evaluate(S(60));
        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(1.0, result.Value, 12);
    }

    [Fact]
    public void RangeFunction_SamplesOlderThanWindow_AreLeftOut()
    {
        // At 120 s only 60,75,…,120 are in [60,120]; the early jump 0 → 1000 is gone.
        var detector = new RangeFunctionDetector(RangeFunction.Increase, TimeSpan.FromMinutes(1), ThresholdCondition.Above(100));
        var result = Fed(detector, 15, 0, 1000, 1000, 1000, 1000, 1001, 1002, 1003, 1004).Evaluate(S(120));
        Assert.Equal(DetectorOutcome.Normal, result.Outcome);
        Assert.Equal(4.0, result.Value, 12);
    }

    [Fact]
    public void RangeFunction_IncreaseAcrossResetThenAfterItLeftTheRange_CorrectsOnlyWhileInRange()
    {
        var detector = new RangeFunctionDetector(RangeFunction.Increase, TimeSpan.FromMinutes(1), ThresholdCondition.Above(1000));
        var evaluator = Fed(detector, 15, 10, 20, 5, 15, 25, 35);

        // [15,75]: 20,5,15,25,35 → 35 − 20 + 20 (before the reset) = 35.
        Assert.Equal(35.0, evaluator.Evaluate(S(75)).Value, 12);

        // [30,90]: 5,15,25,35,45 → 40; the reset's predecessor (20 at 15 s) is out of range.
        evaluator.Add(S(90), 45);
        Assert.Equal(40.0, evaluator.Evaluate(S(90)).Value, 12);
    }

    [Fact]
    public void RangeFunction_OneSampleInWindow_IsNoData()
    {
        var detector = new RangeFunctionDetector(RangeFunction.Delta, TimeSpan.FromMinutes(1), ThresholdCondition.Above(1));
        Assert.Equal(DetectorOutcome.NoData, Fed(detector, 15, 5).Evaluate(S(30)).Outcome);
    }

    [Fact]
    public void RangeFunction_DerivBelow_BreachesOnFallingGauge()
    {
        var detector = new RangeFunctionDetector(RangeFunction.Deriv, TimeSpan.FromMinutes(1), ThresholdCondition.Below(0));
        var result = Fed(detector, 15, 100, 90, 80).Evaluate(S(30));
        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(-2.0 / 3, result.Value, 12);
    }

    [Fact]
    public void Trend_PredictedBelowLimit_BreachesWithSecondsToLimit()
    {
        // Disk free 100 → 60 over 60 s (−2/3 per s): 0 is reached 90 s after t = 60 s.
        var detector = new TrendDetector(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), ThresholdCondition.Below(0, Severity.Critical));
        var result = Fed(detector, 15, 100, 90, 80, 70, 60).Evaluate(S(60));
        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(Severity.Critical, result.Severity);
        Assert.Equal(-2340.0, result.Value, 9);
        Assert.Equal(90.0, result.Detail, 9);
    }

    [Fact]
    public void Trend_HorizonTooShort_IsNormal()
    {
        var detector = new TrendDetector(TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(60), ThresholdCondition.Below(0));
        var result = Fed(detector, 15, 100, 90, 80, 70, 60).Evaluate(S(60));
        Assert.Equal(DetectorOutcome.Normal, result.Outcome);
        Assert.Equal(20.0, result.Value, 9);
    }

    [Theory]
    [InlineData(OverTimeFunction.Avg, 2.5)]
    [InlineData(OverTimeFunction.Min, 1.0)]
    [InlineData(OverTimeFunction.Max, 4.0)]
    [InlineData(OverTimeFunction.Sum, 10.0)]
    [InlineData(OverTimeFunction.Count, 4.0)]
    [InlineData(OverTimeFunction.Last, 3.0)]
    [InlineData(OverTimeFunction.Quantile, 3.7)]
    public void OverTime_Function_ComputesOverWindow(OverTimeFunction function, double expected)
    {
        var detector = new OverTimeDetector(function, TimeSpan.FromMinutes(1), ThresholdCondition.Above(1000), quantile: 0.9);
        var result = Fed(detector, 15, 99, 1, 4, 2, 3).Evaluate(S(75));
        Assert.Equal(expected, result.Value, 12);
    }

    [Fact]
    public void OverTime_EmptyWindow_IsNoData()
    {
        var detector = new OverTimeDetector(OverTimeFunction.Avg, TimeSpan.FromMinutes(1), ThresholdCondition.Above(1));
        Assert.Equal(DetectorOutcome.NoData, Fed(detector, 15, 5).Evaluate(S(61)).Outcome);
    }

    [Fact]
    public void OverTime_QuantileWithoutQuantile_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OverTimeDetector(OverTimeFunction.Quantile, TimeSpan.FromMinutes(1), ThresholdCondition.Above(1)));
    }

    [Fact]
    public void Absent_NoSampleEver_Breaches()
    {
        var detector = new AbsentDetector(SeriesSelector.Parse("up{job=\"api\"}"), TimeSpan.FromMinutes(5));
        var group = detector.GetGroup(SeriesKey.Create("up", new Label("job", "api")));
        Assert.Equal(DetectorResult.Breached(1, Severity.Warning), detector.CreateEvaluator(group).Evaluate(S(0)));
    }

    [Fact]
    public void Absent_SampleAtWindowStart_IsPresent()
    {
        var detector = new AbsentDetector(SeriesSelector.Parse("up"), TimeSpan.FromMinutes(5));
        var evaluator = detector.CreateEvaluator(detector.InitialGroups[0]);
        evaluator.Add(S(0), 1);
        Assert.Equal(DetectorOutcome.Normal, evaluator.Evaluate(S(300)).Outcome);
        Assert.Equal(DetectorOutcome.Breached, evaluator.Evaluate(S(301)).Outcome);
    }

    [Fact]
    public void Absent_Group_HasSelectorEqualityLabelsWithoutName()
    {
        var detector = new AbsentDetector(SeriesSelector.Parse("up{job=\"api\",env=~\"p.*\",dc=\"x\"}"), TimeSpan.FromMinutes(5));
        Assert.Equal(LabelSet.Create(new Label("dc", "x"), new Label("job", "api")), detector.InitialGroups[0].Labels);
    }
}
