using AlphaTrade.RxMonitor.Operators.Prometheus;

namespace AlphaTrade.RxMonitor.Tests.Operators.Prometheus;

// Expected values are computed by hand with Prometheus 2.42's promql/functions.go formulas.
public sealed class PrometheusFunctionsTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private static long S(double seconds) => (long)(seconds * TimeSpan.TicksPerSecond);

    private static long[] Times(params double[] seconds) => Array.ConvertAll(seconds, S);

    [Fact]
    public void Rate_RegularCounterCoveringTheRange_IsSlope()
    {
        // 0,15,…,60 → 0,15,…,60: increase 60 over exactly 60 s, no extrapolation needed.
        Assert.True(PrometheusFunctions.Rate(Times(0, 15, 30, 45, 60), [0, 15, 30, 45, 60], S(60), Minute, out var rate));
        Assert.Equal(1.0, rate, 12);
    }

    [Fact]
    public void Increase_GapToEndBeyondThreshold_ExtrapolatesHalfAnInterval()
    {
        // Samples 10,20,30 s in [0,60]: to start 10 s < 1.1×10 → +10; to end 30 s ≥ 11 → +5. 20 × 35/20 = 35.
        Assert.True(PrometheusFunctions.Increase(Times(10, 20, 30), [100, 110, 120], S(60), Minute, out var increase));
        Assert.Equal(35.0, increase, 12);
    }

    [Fact]
    public void Rate_GapToEndBeyondThreshold_IsIncreaseOverRange()
    {
        Assert.True(PrometheusFunctions.Rate(Times(10, 20, 30), [100, 110, 120], S(60), Minute, out var rate));
        Assert.Equal(35.0 / 60, rate, 12);
    }

    [Fact]
    public void Increase_CounterReset_AddsValueBeforeReset()
    {
        // 10,20,5,15,25: 25 − 10 + 20 (the value before the reset) = 35, range fully covered.
        Assert.True(PrometheusFunctions.Increase(Times(0, 15, 30, 45, 60), [10, 20, 5, 15, 25], S(60), Minute, out var increase));
        Assert.Equal(35.0, increase, 12);
    }

    [Fact]
    public void Delta_Decrease_IsNotTreatedAsReset()
    {
        Assert.True(PrometheusFunctions.Delta(Times(0, 15, 30, 45, 60), [10, 20, 5, 15, 25], S(60), Minute, out var delta));
        Assert.Equal(15.0, delta, 12);
    }

    [Fact]
    public void Increase_ZeroPointCloserThanStart_ClampsExtrapolationAtZero()
    {
        // 5,20,35 at 30,45,60: to start 30 s, but the counter was 0 at 30 × 5/30 = 5 s before → +5; 30 × 35/30 = 35.
        Assert.True(PrometheusFunctions.Increase(Times(30, 45, 60), [5, 20, 35], S(60), Minute, out var increase));
        Assert.Equal(35.0, increase, 12);
    }

    [Fact]
    public void Delta_SameSamples_ExtrapolatesHalfIntervalWithoutZeroClamp()
    {
        // Not a counter: to start 30 s ≥ 16.5 → +7.5; 30 × 37.5/30 = 37.5.
        Assert.True(PrometheusFunctions.Delta(Times(30, 45, 60), [5, 20, 35], S(60), Minute, out var delta));
        Assert.Equal(37.5, delta, 12);
    }

    [Fact]
    public void Increase_ZeroPointWithinThreshold_ClampsBeforeThresholdAsPrometheus242()
    {
        // 15,30,45 at 30,45,60: zero point 30 × 15/30 = 15 s before the first sample. 2.42 clamps first
        // (start = 15 < 16.5 → +15: 30 × 45/30 = 45); later versions would give 37.5.
        Assert.True(PrometheusFunctions.Increase(Times(30, 45, 60), [15, 30, 45], S(60), Minute, out var increase));
        Assert.Equal(45.0, increase, 12);
    }

    [Fact]
    public void Rate_OneSample_HasNoResult()
    {
        Assert.False(PrometheusFunctions.Rate(Times(30), [5], S(60), Minute, out var rate));
        Assert.True(double.IsNaN(rate));
    }

    [Fact]
    public void Deriv_Line_IsSlopePerSecond()
    {
        Assert.True(PrometheusFunctions.Deriv(Times(0, 15, 30), [0, 30, 60], out var slope));
        Assert.Equal(2.0, slope, 12);
    }

    [Fact]
    public void Deriv_ConstantValues_IsZero()
    {
        Assert.True(PrometheusFunctions.Deriv(Times(0, 15, 30), [7, 7, 7], out var slope));
        Assert.Equal(0.0, slope);
    }

    [Fact]
    public void PredictLinear_FallingLine_ProjectsFromEvaluationTime()
    {
        // 100 → 60 over 60 s: −2/3 per second, 60 at t = 60 s; one hour later 60 − 2400 = −2340.
        Assert.True(PrometheusFunctions.PredictLinear(Times(0, 15, 30, 45, 60), [100, 90, 80, 70, 60], S(60), 3600, out var predicted));
        Assert.Equal(-2340.0, predicted, 9);
    }

    [Fact]
    public void PredictLinear_EvaluatedAfterLastSample_InterceptIsAtEvaluationTime()
    {
        // Line 2x through (0,0),(10,20); at t = 20 s it is 40; 5 s ahead 50.
        Assert.True(PrometheusFunctions.PredictLinear(Times(0, 10), [0, 20], S(20), 5, out var predicted));
        Assert.Equal(50.0, predicted, 12);
    }

    [Fact]
    public void OverTimeAggregates_FourValues_MatchPrometheus()
    {
        double[] values = [1, 2, 3, 4];
        Assert.True(PrometheusFunctions.AvgOverTime(values, out var avg));
        Assert.True(PrometheusFunctions.SumOverTime(values, out var sum));
        Assert.True(PrometheusFunctions.MinOverTime(values, out var min));
        Assert.True(PrometheusFunctions.MaxOverTime(values, out var max));
        Assert.True(PrometheusFunctions.CountOverTime(values, out var count));
        Assert.True(PrometheusFunctions.LastOverTime(values, out var last));
        Assert.Equal((2.5, 10.0, 1.0, 4.0, 4.0, 4.0), (avg, sum, min, max, count, last));
    }

    [Fact]
    public void StdDevOverTime_FourValues_IsPopulationStandardDeviation()
    {
        // mean 2.5; squared deviations 2.25+0.25+0.25+2.25 = 5; /4 = 1.25.
        Assert.True(PrometheusFunctions.StdDevOverTime([1, 2, 3, 4], out var stddev));
        Assert.Equal(Math.Sqrt(1.25), stddev, 12);
    }

    [Theory]
    [InlineData(0.9, 3.7)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    [InlineData(-0.1, double.NegativeInfinity)]
    [InlineData(1.1, double.PositiveInfinity)]
    public void QuantileOverTime_UnsortedValues_InterpolatesBetweenRanks(double quantile, double expected)
    {
        // Sorted 1,2,3,4; rank = φ × 3; e.g. 0.9 → 2.7 → 3 × 0.3 + 4 × 0.7 = 3.7.
        var scratch = new double[4];
        Assert.True(PrometheusFunctions.QuantileOverTime(quantile, [4, 1, 3, 2], scratch, out var result));
        Assert.Equal(expected, result, 12);
    }

    [Fact]
    public void OverTimeAggregates_EmptyRange_HaveNoResult()
    {
        Assert.False(PrometheusFunctions.AvgOverTime([], out _));
        Assert.False(PrometheusFunctions.CountOverTime([], out _));
        Assert.False(PrometheusFunctions.QuantileOverTime(0.5, [], [], out _));
    }

    [Fact]
    public void RangeStartIndex_SampleExactlyAtRangeStart_IsIncluded()
    {
        // Prometheus 2.x ranges are closed: [t − d, t].
        Assert.Equal(1, PrometheusFunctions.RangeStartIndex(Times(0, 15, 30), S(15)));
        Assert.Equal(3, PrometheusFunctions.RangeStartIndex(Times(0, 15, 30), S(31)));
    }

    [Fact]
    public void SampleWindowBuffer_TrimBefore_KeepsSampleAtRangeStart()
    {
        var buffer = new SampleWindowBuffer(2);
        for (var i = 0; i < 10; i++)
        {
            buffer.Add(S(i * 15), i);
        }

        buffer.TrimBefore(S(90));
        Assert.Equal(new long[] { S(90), S(105), S(120), S(135) }, buffer.Ticks.ToArray());
        Assert.Equal(new double[] { 6, 7, 8, 9 }, buffer.Values.ToArray());
    }

    [Fact]
    public void SampleWindowBuffer_SlidingWindow_DoesNotAllocateInSteadyState()
    {
        var buffer = new SampleWindowBuffer();
        for (var i = 0; i < 1000; i++)
        {
            buffer.TrimBefore(S(i - 10));
            buffer.Add(S(i), i);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 1000; i < 100_000; i++)
        {
            buffer.TrimBefore(S(i - 10));
            buffer.Add(S(i), i);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(11, buffer.Count);
    }

    [Fact]
    public void SampleWindowBuffer_OlderSample_Throws()
    {
        var buffer = new SampleWindowBuffer();
        buffer.Add(S(10), 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Add(S(9), 1));
    }
}
