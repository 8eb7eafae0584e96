namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>How urgent an alert is, lowest first; comparisons follow the order.</summary>
public enum Severity
{
    /// <summary>Worth knowing; no action needed.</summary>
    Info = 0,

    /// <summary>Needs attention soon.</summary>
    Warning = 1,

    /// <summary>Something is failing; act now.</summary>
    Error = 2,

    /// <summary>Trading is at risk; page someone.</summary>
    Critical = 3,
}
