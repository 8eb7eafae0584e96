using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

/// <summary>PromQL <c>deriv</c> as a rule detector (also what a <c>trend</c> rule with <c>"function": "slope"</c> runs).</summary>
public sealed class DerivDetectorTests
{
    private static readonly SeriesKey Series = SeriesKey.Create("disk_used_bytes");

    [Fact]
    public void Evaluate_LinearSeries_SlopePerSecond()
    {
        var evaluator = Create(TimeSpan.FromMinutes(1), ThresholdCondition.Above(1));
        for (var s = 0; s <= 60; s += 15)
        {
            evaluator.Add(At(s), 10 + (2 * s));
        }

        var result = evaluator.Evaluate(At(60));

        Assert.Equal(DetectorOutcome.Breached, result.Outcome);
        Assert.Equal(2, result.Value, 9);
        Assert.Equal(5, result.Detail);
    }

    [Fact]
    public void Evaluate_OneSample_NoData()
    {
        var evaluator = Create(TimeSpan.FromMinutes(1), ThresholdCondition.Above(1));
        evaluator.Add(At(0), 1);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(0)).Outcome);
    }

    [Fact]
    public void Evaluate_OldSamplesLeaveTheWindow()
    {
        var evaluator = Create(TimeSpan.FromSeconds(30), ThresholdCondition.Below(0));
        evaluator.Add(At(0), 1000);
        evaluator.Add(At(30), 0);
        evaluator.Add(At(45), 15);
        evaluator.Add(At(60), 30);

        var result = evaluator.Evaluate(At(60));

        Assert.Equal(DetectorOutcome.Normal, result.Outcome);
        Assert.Equal(1, result.Value, 9);
    }

    [Fact]
    public void Evaluate_SampleExactlyAtWindowStart_Included()
    {
        var evaluator = Create(TimeSpan.FromSeconds(30), ThresholdCondition.Above(0));
        evaluator.Add(At(0), 0);
        evaluator.Add(At(30), 30);

        Assert.Equal(1, evaluator.Evaluate(At(30)).Value, 9);
        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(30.001)).Outcome);
    }

    [Fact]
    public void Evaluate_MatchesLeastSquaresOfNoisyData()
    {
        var evaluator = Create(TimeSpan.FromMinutes(10), ThresholdCondition.Above(100));
        double[] xs = [0, 10, 20, 30, 40];
        double[] ys = [1, 3, 2, 5, 4];
        for (var i = 0; i < xs.Length; i++)
        {
            evaluator.Add(At(xs[i]), ys[i]);
        }

        // slope = Σ(x−x̄)(y−ȳ) / Σ(x−x̄)² = 80 / 1000
        Assert.Equal(0.08, evaluator.Evaluate(At(40)).Value, 12);
    }

    [Fact]
    public void AddAndEvaluate_SteadyState_DoNotAllocate()
    {
        var evaluator = Create(TimeSpan.FromSeconds(10), ThresholdCondition.Above(0));
        var t = At(0);
        var step = TimeSpan.FromMilliseconds(100).Ticks;
        for (var i = 0; i < 1000; i++, t += step)
        {
            evaluator.Add(t, i);
            _ = evaluator.Evaluate(t);
        }

        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 10_000; i++, t += step)
            {
                evaluator.Add(t, i);
                _ = evaluator.Evaluate(t);
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
    }

    private static ISeriesEvaluator Create(TimeSpan window, ThresholdCondition condition) =>
        new RangeFunctionDetector(RangeFunction.Deriv, window, condition).CreateEvaluator(Series);

    private static long At(double seconds) =>
        DateTimeOffset.UnixEpoch.UtcTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
}
