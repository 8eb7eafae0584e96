namespace AlphaTrade.RxMonitor.Metrics;

/// <summary>The state an alert event reports, with Prometheus's meaning.</summary>
public enum AlertState
{
    /// <summary>The condition holds but has not held for the rule's <c>for</c> duration yet.</summary>
    Pending = 0,

    /// <summary>The condition has held for <c>for</c> (or is kept firing by <c>keepFiringFor</c>).</summary>
    Firing = 1,

    /// <summary>A firing alert whose condition no longer holds; also ends a pending alert that never fired.</summary>
    Resolved = 2,
}
