using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Tests.Support;

namespace AlphaTrade.RxMonitor.Tests.Detectors;

public sealed class WindowAggregateDetectorTests
{
    private static readonly SeriesKey Series = SeriesKey.Create("latency");
    private static readonly TimeSpan TenSeconds = TimeSpan.FromSeconds(10);

    [Fact]
    public void Evaluate_BeforeAnyWindowClosed_NoData()
    {
        var evaluator = Create(WindowAggregation.Mean, ThresholdCondition.Above(75));
        evaluator.Add(At(1), 100);

        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(5)).Outcome);
    }

    [Fact]
    public void Add_SamplePastWindowEnd_ClosesWindowAndComparesItsMean()
    {
        var evaluator = Create(WindowAggregation.Mean, ThresholdCondition.Above(75, Severity.Critical));
        evaluator.Add(At(1), 70);
        evaluator.Add(At(9), 90);
        evaluator.Add(At(10), 0);

        var result = evaluator.Evaluate(At(10));

        Assert.Equal(DetectorResult.Breached(80, Severity.Critical), result);
    }

    [Fact]
    public void Evaluate_AtWindowEndWithoutNewSample_ClosesWindow()
    {
        var evaluator = Create(WindowAggregation.Mean, ThresholdCondition.Above(75));
        evaluator.Add(At(1), 70);

        var result = evaluator.Evaluate(At(10));

        Assert.Equal(DetectorResult.Normal(70), result);
    }

    [Fact]
    public void Evaluate_InsideNextWindow_KeepsLastClosedResult()
    {
        var evaluator = Create(WindowAggregation.Max, ThresholdCondition.Above(75));
        evaluator.Add(At(1), 80);
        evaluator.Add(At(11), 10);

        Assert.Equal(80, evaluator.Evaluate(At(15)).Value);
        Assert.Equal(DetectorOutcome.Breached, evaluator.Evaluate(At(15)).Outcome);
    }

    [Theory]
    [InlineData(WindowAggregation.Count, 4)]
    [InlineData(WindowAggregation.Sum, 10)]
    [InlineData(WindowAggregation.Mean, 2.5)]
    [InlineData(WindowAggregation.Min, 1)]
    [InlineData(WindowAggregation.Max, 4)]
    [InlineData(WindowAggregation.Last, 3)]
    [InlineData(WindowAggregation.StdDev, 1.118033988749895)]
    public void Evaluate_Aggregation_ComputesFigureOfTheWindow(WindowAggregation aggregation, double expected)
    {
        var evaluator = Create(aggregation, ThresholdCondition.Above(1000));
        evaluator.Add(At(1), 2);
        evaluator.Add(At(2), 1);
        evaluator.Add(At(3), 4);
        evaluator.Add(At(4), 3);

        Assert.Equal(expected, evaluator.Evaluate(At(10)).Value, 12);
    }

    [Fact]
    public void Evaluate_QuantileAggregation_WithinOnePercent()
    {
        var detector = new WindowAggregateDetector(TenSeconds, WindowAggregation.Quantile, ThresholdCondition.Above(1000), quantile: 0.9);
        var evaluator = detector.CreateEvaluator(Series);
        for (var i = 1; i <= 1000; i++)
        {
            evaluator.Add(At(i / 1000.0), i);
        }

        Assert.InRange(evaluator.Evaluate(At(10)).Value, 900 * 0.99, 900 * 1.01);
    }

    [Fact]
    public void Add_WindowsAlignedToUnixEpochMultiples()
    {
        var evaluator = Create(WindowAggregation.Count, ThresholdCondition.Above(1000));
        evaluator.Add(At(5), 1);
        evaluator.Add(At(9.999), 1);
        evaluator.Add(At(10), 1);
        evaluator.Add(At(19), 1);

        Assert.Equal(2, evaluator.Evaluate(At(19)).Value);
        Assert.Equal(2, evaluator.Evaluate(At(20)).Value);
    }

    [Fact]
    public void Evaluate_Below_BreachesUnderTheLimit()
    {
        var evaluator = Create(WindowAggregation.Min, ThresholdCondition.Below(5));
        evaluator.Add(At(1), 4);

        Assert.Equal(DetectorOutcome.Breached, evaluator.Evaluate(At(10)).Outcome);
    }

    [Fact]
    public void Evaluate_LastClosedWindowOlderThanStaleness_NoData()
    {
        var detector = new WindowAggregateDetector(TenSeconds, WindowAggregation.Mean, ThresholdCondition.Above(1), staleness: TimeSpan.FromSeconds(30));
        var evaluator = detector.CreateEvaluator(Series);
        evaluator.Add(At(1), 5);

        Assert.Equal(DetectorOutcome.Breached, evaluator.Evaluate(At(40)).Outcome);
        Assert.Equal(DetectorOutcome.NoData, evaluator.Evaluate(At(40.001)).Outcome);
    }

    [Fact]
    public void Evaluate_ConsecutiveTwo_CountsWindows()
    {
        var evaluator = Create(WindowAggregation.Mean, ThresholdCondition.Above(1, consecutive: 2));
        evaluator.Add(At(1), 5);
        var first = evaluator.Evaluate(At(10));
        evaluator.Add(At(11), 5);
        var stillFirst = evaluator.Evaluate(At(15));
        var second = evaluator.Evaluate(At(20));

        Assert.Equal(DetectorOutcome.Normal, first.Outcome);
        Assert.Equal(DetectorOutcome.Normal, stillFirst.Outcome);
        Assert.Equal(DetectorOutcome.Breached, second.Outcome);
    }

    [Fact]
    public void Add_SampleOfClosedWindow_Ignored()
    {
        var evaluator = Create(WindowAggregation.Count, ThresholdCondition.Above(1000));
        evaluator.Add(At(1), 1);
        _ = evaluator.Evaluate(At(10));
        evaluator.Add(At(9), 1);
        evaluator.Add(At(12), 1);

        Assert.Equal(1, evaluator.Evaluate(At(20)).Value);
    }

    [Fact]
    public void Add_SteadyState_DoesNotAllocate()
    {
        var detector = new WindowAggregateDetector(TimeSpan.FromSeconds(1), WindowAggregation.Mean, ThresholdCondition.Above(50));
        var evaluator = detector.CreateEvaluator(Series);
        var t = At(0);
        var step = TimeSpan.FromMilliseconds(1).Ticks;
        for (var i = 0; i < 5000; i++, t += step)
        {
            evaluator.Add(t, i % 100);
            _ = evaluator.Evaluate(t);
        }

        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 100_000; i++, t += step)
            {
                evaluator.Add(t, i % 100);
                _ = evaluator.Evaluate(t);
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void Add_QuantileSteadyState_DoesNotAllocate()
    {
        var detector = new WindowAggregateDetector(TimeSpan.FromSeconds(1), WindowAggregation.Quantile, ThresholdCondition.Above(50), quantile: 0.99);
        var evaluator = detector.CreateEvaluator(Series);
        var t = At(0);
        var step = TimeSpan.FromMilliseconds(1).Ticks;
        for (var i = 0; i < 5000; i++, t += step)
        {
            evaluator.Add(t, 1 + (i % 100));
        }

        var allocated = Allocations.LeastOf(3, () =>
        {
            for (var i = 0; i < 100_000; i++, t += step)
            {
                evaluator.Add(t, 1 + (i % 100));
                _ = evaluator.Evaluate(t);
            }
        });

        // Per-sample allocation would cost megabytes in every run; a one-off runtime allocation (tiered JIT) lands in one.
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void Constructor_QuantileWithoutQuantile_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowAggregateDetector(TenSeconds, WindowAggregation.Quantile, ThresholdCondition.Above(1)));
    }

    [Fact]
    public void Constructor_ZeroSize_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WindowAggregateDetector(TimeSpan.Zero, WindowAggregation.Mean, ThresholdCondition.Above(1)));
    }

    private static ISeriesEvaluator Create(WindowAggregation aggregation, ThresholdCondition condition) =>
        new WindowAggregateDetector(TenSeconds, aggregation, condition).CreateEvaluator(Series);

    private static long At(double seconds) =>
        DateTimeOffset.UnixEpoch.UtcTicks + (long)Math.Round(seconds * TimeSpan.TicksPerSecond);
}
