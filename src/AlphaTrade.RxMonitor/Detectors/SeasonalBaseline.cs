using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>A series' hour-of-week profile: for each of the 168 hours of the UTC week, the mean and spread across weeks.</summary>
/// <param name="Series">The series.</param>
/// <param name="Hours">168 entries, index = hour of the week.</param>
public sealed record SeasonalBaseline(SeriesKey Series, IReadOnlyList<HourOfWeekStatistics> Hours)
{
    /// <summary>The statistics of the hour of the week <paramref name="time"/> falls in.</summary>
    /// <param name="time">A time.</param>
    /// <returns>That hour's statistics.</returns>
    public HourOfWeekStatistics At(DateTimeOffset time) => Hours[HourOfWeek.Of(time)];

    /// <summary>Builds the profile from hourly means (e.g. the non-empty 1-hour roll-ups).</summary>
    /// <param name="series">The series.</param>
    /// <param name="hourly">Hourly means, each with its hour's start; each counts once for its hour of the week.</param>
    /// <returns>The profile.</returns>
    public static SeasonalBaseline FromHourlyMeans(SeriesKey series, IEnumerable<(DateTimeOffset Start, double Mean)> hourly)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(hourly);
        var accumulators = new WelfordAccumulator[HourOfWeek.Count];
        foreach (var (start, mean) in hourly)
        {
            accumulators[HourOfWeek.Of(start)].Add(mean);
        }

        var hours = new HourOfWeekStatistics[HourOfWeek.Count];
        for (var i = 0; i < hours.Length; i++)
        {
            hours[i] = accumulators[i].ToStatistics(i);
        }

        return new SeasonalBaseline(series, hours);
    }
}
