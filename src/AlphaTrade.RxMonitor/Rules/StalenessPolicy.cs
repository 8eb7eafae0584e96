using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>What a rule does when one of its series has had no sample for the rule's <see cref="AlertRule.StaleAfter"/>.</summary>
public enum StalenessPolicy
{
    /// <summary>
    /// Prometheus semantics (the default): missing data is "condition false", so an active alert resolves as
    /// soon as the detector has no value (5 minutes for a threshold, the window for range functions).
    /// </summary>
    Resolve = 0,

    /// <summary>Missing data changes nothing: the alert keeps its state (pending or firing) until samples return.</summary>
    Keep = 1,

    /// <summary>
    /// A stale series resolves its condition alert and fires a separate NoData alert (same labels plus
    /// <c>nodata="true"</c>, <see cref="AlertEventKind.NoData"/>), which resolves when a sample arrives.
    /// </summary>
    NoData = 2,
}
