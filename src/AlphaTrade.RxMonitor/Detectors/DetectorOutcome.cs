namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>What a detector concluded about a series at one evaluation time.</summary>
public enum DetectorOutcome
{
    /// <summary>No value at this time: no sample in the lookback or window (the series is stale or absent).</summary>
    NoData = 0,

    /// <summary>A value exists and the condition does not hold.</summary>
    Normal = 1,

    /// <summary>A value exists and the condition holds, at the result's severity.</summary>
    Breached = 2,
}
