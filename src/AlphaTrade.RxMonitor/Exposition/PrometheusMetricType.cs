namespace AlphaTrade.RxMonitor.Exposition;

/// <summary>The metric types of the Prometheus text exposition format that RxMonitor writes.</summary>
public enum PrometheusMetricType
{
    /// <summary>A value that can go up and down.</summary>
    Gauge = 0,

    /// <summary>A cumulative value that only goes up (resets on restart); its name ends in <c>_total</c>.</summary>
    Counter = 1,

    /// <summary>A value of unknown kind.</summary>
    Untyped = 2,
}
