namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>What changed in an alert at one <see cref="AlertTransition"/>.</summary>
public enum AlertChange
{
    /// <summary>The alert appeared and is pending (condition holds, <c>for</c> not yet elapsed).</summary>
    Pending = 0,

    /// <summary>The alert started firing.</summary>
    Firing = 1,

    /// <summary>The alert resolved (or a pending alert ended without firing).</summary>
    Resolved = 2,

    /// <summary>A firing alert escalated or de-escalated.</summary>
    SeverityChanged = 3,

    /// <summary>Flap detection found the alert flapping; per-change notifications stop.</summary>
    FlappingStarted = 4,

    /// <summary>The alert stopped flapping; per-change notifications resume.</summary>
    FlappingStopped = 5,

    /// <summary>A silence or an inhibition started to suppress the alert.</summary>
    Suppressed = 6,

    /// <summary>The alert is no longer silenced nor inhibited (e.g. its silence expired).</summary>
    Unsuppressed = 7,
}
