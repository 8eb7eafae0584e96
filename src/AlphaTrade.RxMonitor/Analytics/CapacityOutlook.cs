namespace AlphaTrade.RxMonitor.Analytics;

/// <summary>What a capacity forecast concluded.</summary>
public enum CapacityOutlook
{
    /// <summary>Too few points to fit a line (fewer than three buckets in the lookback).</summary>
    InsufficientData = 0,

    /// <summary>The usage is flat or falling: the resource is never exhausted at this trend.</summary>
    Never = 1,

    /// <summary>The usage grows: exhaustion is forecast.</summary>
    Forecast = 2,

    /// <summary>The fitted usage is already at or beyond the limit.</summary>
    Exhausted = 3,
}
