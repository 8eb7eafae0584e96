namespace AlphaTrade.RxMonitor.Detectors;

/// <summary>A detector that only looks at the samples of a trailing window, so older state can be dropped.</summary>
internal interface IWindowedDetector
{
    /// <summary>How far back from an evaluation time the detector reads samples.</summary>
    TimeSpan Lookback { get; }
}
