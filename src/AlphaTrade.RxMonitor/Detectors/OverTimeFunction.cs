namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>The Prometheus <c>*_over_time</c> functions an <see cref="OverTimeDetector"/> computes.</summary>
public enum OverTimeFunction
{
    /// <summary><c>avg_over_time</c>.</summary>
    Avg = 0,

    /// <summary><c>min_over_time</c>.</summary>
    Min = 1,

    /// <summary><c>max_over_time</c>.</summary>
    Max = 2,

    /// <summary><c>sum_over_time</c>.</summary>
    Sum = 3,

    /// <summary><c>count_over_time</c>.</summary>
    Count = 4,

    /// <summary><c>stddev_over_time</c> (population standard deviation).</summary>
    StdDev = 5,

    /// <summary><c>quantile_over_time</c> (needs a quantile).</summary>
    Quantile = 6,

    /// <summary><c>last_over_time</c>.</summary>
    Last = 7,
}
