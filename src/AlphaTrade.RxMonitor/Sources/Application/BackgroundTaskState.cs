namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>The state of a monitored background task (the value of <c>background_task_status</c>).</summary>
public enum BackgroundTaskState
{
    /// <summary>Heartbeats on time and the last run (if any) succeeded.</summary>
    Healthy = 0,

    /// <summary>At least one expected heartbeat interval passed without a heartbeat.</summary>
    Late = 1,

    /// <summary>The last run failed (heartbeats may still be on time).</summary>
    Failed = 2,
}
