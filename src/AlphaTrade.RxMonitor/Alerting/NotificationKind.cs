namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>Why a notification was sent.</summary>
public enum NotificationKind
{
    /// <summary>A group flush: new, changed, resolved or repeated alerts of one route group.</summary>
    Group = 0,

    /// <summary>The one notice that an alert started flapping (its per-change notifications stop).</summary>
    FlappingStarted = 1,

    /// <summary>The notice that a flapping alert settled; it carries the alert's current state.</summary>
    FlappingStopped = 2,
}
