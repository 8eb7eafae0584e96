namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>The Prometheus range functions a <see cref="RangeFunctionDetector"/> computes.</summary>
public enum RangeFunction
{
    /// <summary><c>rate(x[d])</c>: per-second counter increase, reset-corrected, extrapolated.</summary>
    Rate = 0,

    /// <summary><c>increase(x[d])</c>: counter increase over the window, reset-corrected, extrapolated.</summary>
    Increase = 1,

    /// <summary><c>delta(x[d])</c>: gauge change over the window, extrapolated.</summary>
    Delta = 2,

    /// <summary><c>deriv(x[d])</c>: per-second least-squares slope of a gauge.</summary>
    Deriv = 3,
}
