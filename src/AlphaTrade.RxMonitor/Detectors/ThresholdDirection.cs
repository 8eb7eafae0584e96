namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>Which side of a threshold is a breach.</summary>
public enum ThresholdDirection
{
    /// <summary>A value strictly greater than the threshold breaches (PromQL <c>x &gt; threshold</c>).</summary>
    Above = 0,

    /// <summary>A value strictly less than the threshold breaches (PromQL <c>x &lt; threshold</c>).</summary>
    Below = 1,
}
