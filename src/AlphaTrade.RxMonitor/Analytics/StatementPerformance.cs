namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>How one normalized SQL statement of one database performed.</summary>
/// <param name="Database">The <c>db</c> label.</param>
/// <param name="Statement">The normalized SQL (literals replaced by <c>?</c>), or <c>other</c>.</param>
/// <param name="Count">Commands executed.</param>
/// <param name="Errors">Commands that threw.</param>
/// <param name="TotalSeconds">Time spent in them.</param>
/// <param name="MeanSeconds">Mean duration (0 without calls).</param>
/// <param name="P50Seconds">Median duration; <see langword="null"/> when the source keeps no distribution (history ranges).</param>
/// <param name="P95Seconds">95th percentile; <see langword="null"/> as above.</param>
/// <param name="P99Seconds">99th percentile; <see langword="null"/> as above.</param>
/// <param name="MaxSeconds">Longest duration; <see langword="null"/> as above.</param>
public sealed record StatementPerformance(
    string Database,
    string Statement,
    long Count,
    long Errors,
    double TotalSeconds,
    double MeanSeconds,
    double? P50Seconds,
    double? P95Seconds,
    double? P99Seconds,
    double? MaxSeconds);
