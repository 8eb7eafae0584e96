namespace AlphaTrade.RxMonitor.Sources.Meters;

/// <summary>How a bridged instrument's measurements become series values.</summary>
internal enum InstrumentKind
{
    /// <summary>Counter: measurements are summed; reported as a cumulative <c>_total</c>.</summary>
    Counter,

    /// <summary>UpDownCounter: measurements are summed; reported as a gauge.</summary>
    Sum,

    /// <summary>Gauge and observable instruments other than counters: the last value.</summary>
    LastValue,

    /// <summary>ObservableCounter: the observed value is already cumulative; reported as <c>_total</c>.</summary>
    CumulativeObserved,

    /// <summary>Histogram: count, sum and interval quantiles.</summary>
    Histogram,
}
