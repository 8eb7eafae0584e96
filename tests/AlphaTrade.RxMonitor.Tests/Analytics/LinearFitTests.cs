using AlphaTrade.RxMonitor.Analytics;

namespace AlphaTrade.RxMonitor.Tests.Analytics;

public sealed class LinearFitTests
{
    [Fact]
    public void Fit_ExactLine_SlopeInterceptAndZeroError()
    {
        var fit = LinearFit.Fit([1, 2, 3, 4], [5, 7, 9, 11])!.Value;

        Assert.Equal(2, fit.Slope, 12);
        Assert.Equal(3, fit.Intercept, 12);
        Assert.Equal(0, fit.SlopeStandardError, 12);
        Assert.Equal(4, fit.Count);
    }

    [Fact]
    public void Fit_ThreeScatteredPoints_StandardErrorOfTheSlope()
    {
        // x̄ = 1, ȳ = 2, Sxx = 2, Sxy = 1: slope 0.5, intercept 1.5; residuals −0.5, 1, −0.5 → SSE 1.5; SE = √(1.5 / 1 / 2).
        var fit = LinearFit.Fit([0, 1, 2], [1, 3, 2])!.Value;

        Assert.Equal(0.5, fit.Slope, 12);
        Assert.Equal(1.5, fit.Intercept, 12);
        Assert.Equal(Math.Sqrt(0.75), fit.SlopeStandardError, 12);
    }

    [Fact]
    public void Fit_TwoPoints_SlopeWithoutStandardError()
    {
        var fit = LinearFit.Fit([0, 10], [0, 5])!.Value;

        Assert.Equal(0.5, fit.Slope, 12);
        Assert.True(double.IsNaN(fit.SlopeStandardError));
    }

    [Fact]
    public void Fit_LargeAbscissas_KeepsPrecision()
    {
        var x = new double[] { 1.8e9, 1.8e9 + 60, 1.8e9 + 120 };

        var fit = LinearFit.Fit(x, [10, 10.001, 10.002])!.Value;

        Assert.Equal(0.001 / 60, fit.Slope, 12);
    }

    [Fact]
    public void Fit_OnePoint_IsNull() => Assert.Null(LinearFit.Fit([1], [1]));

    [Fact]
    public void Fit_AllXEqual_IsNull() => Assert.Null(LinearFit.Fit([3, 3, 3], [1, 2, 3]));

    [Fact]
    public void Fit_LengthsDiffer_Throws() => Assert.Throws<ArgumentException>(() => LinearFit.Fit([1, 2], [1]));

    [Fact]
    public void Critical95_SmallAndLargeDegreesOfFreedom_MatchTheTable()
    {
        Assert.Equal(12.706, StudentT.Critical95(1));
        Assert.Equal(2.042, StudentT.Critical95(30));
        Assert.Equal(1.962, StudentT.Critical95(1000), 3);
        Assert.Equal(2.021, StudentT.Critical95(40), 2);
    }
}
