namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>One bucket of a series' history: the samples that fell in [<see cref="Start"/>, start + resolution).</summary>
/// <param name="Start">The start of the bucket (UTC, aligned to the resolution).</param>
/// <param name="Count">How many samples fell in the bucket.</param>
/// <param name="Sum">Their sum.</param>
/// <param name="Min">The smallest.</param>
/// <param name="Max">The largest.</param>
/// <param name="Last">The value of the latest sample.</param>
public readonly record struct HistoryBucket(DateTimeOffset Start, long Count, double Sum, double Min, double Max, double Last)
{
    /// <summary>The mean of the bucket's samples (NaN for an empty bucket).</summary>
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>The median of the bucket's samples from its quantile sketch; NaN when the bucket has no sketch.</summary>
    public double P50 { get; init; } = double.NaN;

    /// <summary>The 99th percentile of the bucket's samples from its quantile sketch; NaN when the bucket has no sketch.</summary>
    public double P99 { get; init; } = double.NaN;
}
