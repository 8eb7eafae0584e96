namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>An ordinary least-squares line <c>y = Intercept + Slope·x</c> with the standard error of its slope.</summary>
/// <param name="Count">Points fitted.</param>
/// <param name="Slope">The slope (y units per x unit).</param>
/// <param name="Intercept">The value at x = 0.</param>
/// <param name="SlopeStandardError">
/// The standard error of the slope, √(Σ residual² / (n − 2) / Σ(x − x̄)²); NaN with fewer than three points.
/// </param>
public readonly record struct LinearFit(int Count, double Slope, double Intercept, double SlopeStandardError)
{
    /// <summary>The fitted value at <paramref name="x"/>.</summary>
    /// <param name="x">Where to evaluate the line.</param>
    /// <returns>Intercept + Slope·x.</returns>
    public double ValueAt(double x) => Intercept + (Slope * x);

    /// <summary>Fits a line through the points (x[i], y[i]).</summary>
    /// <param name="x">The abscissas; at least two distinct values for a slope.</param>
    /// <param name="y">The ordinates, as many as <paramref name="x"/>.</param>
    /// <returns>The fit, or <see langword="null"/> with fewer than two points or all x equal.</returns>
    /// <remarks>Centred sums (x and y relative to their means), so large x such as unix seconds lose no precision.</remarks>
    public static LinearFit? Fit(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("x and y must have the same length.", nameof(y));
        }

        var n = x.Length;
        if (n < 2)
        {
            return null;
        }

        double meanX = 0, meanY = 0;
        for (var i = 0; i < n; i++)
        {
            meanX += x[i];
            meanY += y[i];
        }

        meanX /= n;
        meanY /= n;
        double sxx = 0, sxy = 0;
        for (var i = 0; i < n; i++)
        {
            var dx = x[i] - meanX;
            sxx += dx * dx;
            sxy += dx * (y[i] - meanY);
        }

        if (sxx <= 0)
        {
            return null;
        }

        var slope = sxy / sxx;
        var intercept = meanY - (slope * meanX);
        var standardError = double.NaN;
        if (n > 2)
        {
            double residuals = 0;
            for (var i = 0; i < n; i++)
            {
                var r = y[i] - (intercept + (slope * x[i]));
                residuals += r * r;
            }

            standardError = Math.Sqrt(residuals / (n - 2) / sxx);
        }

        return new LinearFit(n, slope, intercept, standardError);
    }
}
