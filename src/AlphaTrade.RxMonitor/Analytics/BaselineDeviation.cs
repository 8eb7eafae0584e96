using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>Where a series stands now against its seasonal baseline for the current hour of the week.</summary>
/// <param name="Series">The series.</param>
/// <param name="At">The time of <see cref="Current"/> (start of its 10-second bucket).</param>
/// <param name="Current">The latest value.</param>
/// <param name="Baseline">The statistics of the current hour of the week.</param>
/// <param name="ZScore">(current − mean)/stddev; NaN with fewer than two weeks of that hour.</param>
/// <param name="Profile">The full 168-hour profile.</param>
public sealed record BaselineDeviation(
    SeriesKey Series, DateTimeOffset At, double Current, HourOfWeekStatistics Baseline, double ZScore, SeasonalBaseline Profile);
