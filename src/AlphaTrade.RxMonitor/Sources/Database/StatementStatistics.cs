namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>One normalized statement's figures since start (see <see cref="DatabaseMetrics.GetStatementStatistics"/>).</summary>
/// <param name="Database">The <c>db</c> label.</param>
/// <param name="Statement">The normalized SQL (the <c>statement</c> label), or <c>other</c> past the statement limit.</param>
/// <param name="Calls">Commands executed.</param>
/// <param name="Failures">Commands that threw.</param>
/// <param name="TotalSeconds">Time spent in them.</param>
/// <param name="MeanSeconds">Mean duration (0 without calls).</param>
/// <param name="P50Seconds">Median duration (DDSketch, 1 % relative error).</param>
/// <param name="P95Seconds">95th percentile duration.</param>
/// <param name="P99Seconds">99th percentile duration.</param>
/// <param name="MaxSeconds">Longest duration.</param>
public sealed record StatementStatistics(
    string Database,
    string Statement,
    long Calls,
    long Failures,
    double TotalSeconds,
    double MeanSeconds,
    double P50Seconds,
    double P95Seconds,
    double P99Seconds,
    double MaxSeconds);
