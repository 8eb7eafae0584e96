namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>A series' behaviour in one hour of the week, across past weeks.</summary>
/// <param name="Hour">The hour of the week (<see cref="HourOfWeek"/>: 0 = Sunday 00:00 UTC).</param>
/// <param name="Weeks">How many past weeks had data in that hour.</param>
/// <param name="Mean">The mean of those weeks' hourly means; NaN without data.</param>
/// <param name="StdDev">The sample standard deviation of those hourly means (n − 1); NaN with fewer than two weeks.</param>
public readonly record struct HourOfWeekStatistics(int Hour, int Weeks, double Mean, double StdDev)
{
    /// <summary>How many standard deviations <paramref name="value"/> lies from the mean.</summary>
    /// <param name="value">The value to place.</param>
    /// <returns>
    /// (value − mean)/stddev; NaN with fewer than two weeks; with a zero spread, 0 for the mean itself and ±∞ for
    /// any other value (a series that never varied and now does is as far out as it gets).
    /// </returns>
    public double ZScore(double value)
    {
        if (Weeks < 2 || double.IsNaN(StdDev))
        {
            return double.NaN;
        }

        var deviation = value - Mean;
        if (StdDev > 0)
        {
            return deviation / StdDev;
        }

        return deviation == 0 ? 0 : deviation > 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }
}
