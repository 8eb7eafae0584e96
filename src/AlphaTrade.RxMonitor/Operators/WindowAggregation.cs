using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

/// <summary>Which figure of a window's samples a window detector compares.</summary>
public enum WindowAggregation
{
    /// <summary>The number of samples.</summary>
    Count = 0,

    /// <summary>The sum of the values.</summary>
    Sum = 1,

    /// <summary>The arithmetic mean.</summary>
    Mean = 2,

    /// <summary>The smallest value.</summary>
    Min = 3,

    /// <summary>The largest value.</summary>
    Max = 4,

    /// <summary>The value of the newest sample.</summary>
    Last = 5,

    /// <summary>The population standard deviation (as Prometheus' <c>stddev_over_time</c>).</summary>
    StdDev = 6,

    /// <summary>A quantile, estimated by a <see cref="DDSketch"/> within 1 % relative error.</summary>
    Quantile = 7,
}
