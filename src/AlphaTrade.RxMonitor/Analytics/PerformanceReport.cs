namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>
/// The seed's performance data (<c>SeedHealthMonitor.GetPerformanceMetricsAsync()</c>): query performance, resource
/// bottlenecks, capacity forecasts, trends and seasonal baselines at one moment.
/// </summary>
/// <param name="Timestamp">When the report was made (the analyzer's clock).</param>
/// <param name="QueryPerformance">Per statement since the instrumentation started, and the slowest.</param>
/// <param name="Bottlenecks">Resource instances by saturation, highest first.</param>
/// <param name="Capacity">Time to exhaustion per resource instance, soonest first (never last).</param>
/// <param name="Trends">Per resource series and window (1 h, 24 h, 7 d).</param>
/// <param name="Baselines">Per resource series: the current value against its hour-of-week band.</param>
/// <param name="Problems">What could not be computed (e.g. the store failed), one line each; empty when all went well.</param>
public sealed record PerformanceReport(
    DateTimeOffset Timestamp,
    QueryPerformanceReport QueryPerformance,
    IReadOnlyList<ResourceSaturation> Bottlenecks,
    IReadOnlyList<CapacityForecast> Capacity,
    IReadOnlyList<SeriesTrend> Trends,
    IReadOnlyList<BaselineDeviation> Baselines,
    IReadOnlyList<string> Problems);
