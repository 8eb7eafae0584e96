using AlphaTrade.RxMonitor.Operators;

namespace AlphaTrade.RxMonitor.Tests.Operators;

public sealed class WindowAccumulatorTests
{
    [Fact]
    public void Empty_FiguresAreZeroOrNaN()
    {
        var window = default(WindowAccumulator);

        Assert.Equal(0, window.Count);
        Assert.Equal(0, window.Sum);
        Assert.True(double.IsNaN(window.Mean));
        Assert.True(double.IsNaN(window.Min));
        Assert.True(double.IsNaN(window.StdDev));
    }

    [Fact]
    public void Add_ComputesEveryFigure()
    {
        var window = Of(2, 1, 4, 3);

        Assert.Equal(4, window.Count);
        Assert.Equal(10, window.Sum);
        Assert.Equal(2.5, window.Mean);
        Assert.Equal(1, window.Min);
        Assert.Equal(4, window.Max);
        Assert.Equal(3, window.Last);
        Assert.Equal(Math.Sqrt(1.25), window.StdDev, 12);
    }

    [Fact]
    public void StdDev_LargeOffsetSmallSpread_StaysAccurate()
    {
        var window = Of(1e9 + 1, 1e9 + 2, 1e9 + 3);

        Assert.Equal(Math.Sqrt(2.0 / 3), window.StdDev, 9);
    }

    [Fact]
    public void Merge_EqualsAddingEverything()
    {
        var merged = Of(5, -3, 8);
        var later = Of(100, 7);

        merged.Merge(later);

        var whole = Of(5, -3, 8, 100, 7);
        Assert.Equal(whole.Count, merged.Count);
        Assert.Equal(whole.Sum, merged.Sum);
        Assert.Equal(whole.Min, merged.Min);
        Assert.Equal(whole.Max, merged.Max);
        Assert.Equal(7, merged.Last);
        Assert.Equal(whole.StdDev, merged.StdDev, 10);
    }

    [Fact]
    public void Merge_IntoEmpty_CopiesOther()
    {
        var merged = default(WindowAccumulator);

        merged.Merge(Of(1, 2));

        Assert.Equal(1.5, merged.Mean);
    }

    [Fact]
    public void Reset_Empties()
    {
        var window = Of(1, 2);

        window.Reset();
        window.Add(10);

        Assert.Equal(10, window.Mean);
        Assert.Equal(0, window.StdDev);
    }

    [Theory]
    [InlineData(WindowAggregation.Count, 3)]
    [InlineData(WindowAggregation.Sum, 6)]
    [InlineData(WindowAggregation.Mean, 2)]
    [InlineData(WindowAggregation.Min, 1)]
    [InlineData(WindowAggregation.Max, 3)]
    [InlineData(WindowAggregation.Last, 3)]
    public void Get_ReturnsNamedFigure(WindowAggregation aggregation, double expected)
    {
        Assert.Equal(expected, Of(1, 2, 3).Get(aggregation));
    }

    private static WindowAccumulator Of(params double[] values)
    {
        var window = default(WindowAccumulator);
        foreach (var v in values)
        {
            window.Add(v);
        }

        return window;
    }
}
