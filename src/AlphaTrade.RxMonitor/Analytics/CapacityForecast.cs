using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>When one resource instance runs out, by least-squares regression over its history, with a 95 % band.</summary>
/// <param name="Resource">The resource's name.</param>
/// <param name="Series">The usage series.</param>
/// <param name="Outlook">Never, forecast, exhausted, or not enough data.</param>
/// <param name="Current">The fitted usage now (the regression line at the analysis time); NaN without a fit.</param>
/// <param name="Limit">The limit.</param>
/// <param name="SlopePerHour">The fitted growth per hour; NaN without a fit.</param>
/// <param name="SlopeStandardErrorPerHour">The standard error of that slope; NaN without a fit.</param>
/// <param name="Points">How many buckets were fitted.</param>
/// <param name="TimeToExhaustion">From now until the fitted line reaches the limit; zero when exhausted; <see langword="null"/> for never or no data.</param>
/// <param name="EarliestExhaustion">The band's near end: the line with slope + t·SE (t of Student's distribution, 95 %, n − 2 degrees of freedom).</param>
/// <param name="LatestExhaustion">The band's far end: slope − t·SE; <see langword="null"/> (never) when that slope is not positive.</param>
public sealed record CapacityForecast(
    string Resource,
    SeriesKey Series,
    CapacityOutlook Outlook,
    double Current,
    double Limit,
    double SlopePerHour,
    double SlopeStandardErrorPerHour,
    int Points,
    TimeSpan? TimeToExhaustion,
    TimeSpan? EarliestExhaustion,
    TimeSpan? LatestExhaustion);
