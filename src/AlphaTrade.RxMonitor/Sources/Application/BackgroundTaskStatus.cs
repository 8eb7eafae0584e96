namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>A snapshot of one monitored background task.</summary>
/// <param name="Name">The task name.</param>
/// <param name="State">Healthy, late or failed; lateness wins over failure.</param>
/// <param name="ExpectedInterval">How often the task promised a heartbeat.</param>
/// <param name="LastHeartbeat">The last heartbeat (or the registration time before the first).</param>
/// <param name="LastSuccess">The last successful run, if any.</param>
/// <param name="LastFailure">The last failed run, if any.</param>
/// <param name="LastError">The message of the last failure's exception, if any.</param>
/// <param name="Runs">Completed runs.</param>
/// <param name="Failures">Failed runs.</param>
/// <param name="ConsecutiveFailures">Failed runs since the last success.</param>
/// <param name="MissedHeartbeats">Whole expected intervals since the last heartbeat.</param>
public sealed record BackgroundTaskStatus(
    string Name,
    BackgroundTaskState State,
    TimeSpan ExpectedInterval,
    DateTimeOffset LastHeartbeat,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastFailure,
    string? LastError,
    long Runs,
    long Failures,
    long ConsecutiveFailures,
    long MissedHeartbeats);
