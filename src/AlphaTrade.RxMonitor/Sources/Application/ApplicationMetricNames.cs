namespace AlphaTrade.RxMonitor.Sources.Application;

/// <summary>The metric names the application instrumentation and the background-task monitor emit.</summary>
public static class ApplicationMetricNames
{
    /// <summary>Calls of an operation (cumulative); label <c>operation</c>.</summary>
    public const string OperationRequestsTotal = "app_operation_requests_total";

    /// <summary>Failed calls of an operation (cumulative); label <c>operation</c>.</summary>
    public const string OperationErrorsTotal = "app_operation_errors_total";

    /// <summary>Failed / all calls over the last poll interval (only when there were calls); label <c>operation</c>.</summary>
    public const string OperationErrorRatio = "app_operation_error_ratio";

    /// <summary>Duration quantiles over the last poll interval; labels <c>operation</c>, <c>quantile</c> (0.5, 0.95, 0.99).</summary>
    public const string OperationDurationSeconds = "app_operation_duration_seconds";

    /// <summary>Mean duration over the last poll interval (only when there were calls); label <c>operation</c>.</summary>
    public const string OperationDurationAverageSeconds = "app_operation_duration_average_seconds";

    /// <summary>Failures of a named task (cumulative); label <c>task</c>.</summary>
    public const string TaskFailuresTotal = "app_task_failures_total";

    /// <summary>Current length of a queue; label <c>queue</c>.</summary>
    public const string QueueLength = "app_queue_length";

    /// <summary>Seconds since a data set was last refreshed (since registration before the first refresh); label <c>dataset</c>.</summary>
    public const string DataAgeSeconds = "app_data_age_seconds";

    /// <summary>Task status: 0 healthy, 1 late (missed a heartbeat), 2 failed (last run failed); label <c>task</c>.</summary>
    public const string BackgroundTaskStatus = "background_task_status";

    /// <summary>Seconds since the task's last heartbeat (or registration); label <c>task</c>.</summary>
    public const string BackgroundTaskHeartbeatAgeSeconds = "background_task_heartbeat_age_seconds";

    /// <summary>Whole expected intervals elapsed since the last heartbeat; label <c>task</c>.</summary>
    public const string BackgroundTaskMissedHeartbeats = "background_task_missed_heartbeats";

    /// <summary>Completed runs, successful or not (cumulative); label <c>task</c>.</summary>
    public const string BackgroundTaskRunsTotal = "background_task_runs_total";

    /// <summary>Failed runs (cumulative); label <c>task</c>.</summary>
    public const string BackgroundTaskFailuresTotal = "background_task_failures_total";

    /// <summary>Failed runs since the last success; label <c>task</c>.</summary>
    public const string BackgroundTaskConsecutiveFailures = "background_task_consecutive_failures";

    /// <summary>Seconds since the last successful run (after the first success); label <c>task</c>.</summary>
    public const string BackgroundTaskLastSuccessAgeSeconds = "background_task_last_success_age_seconds";
}
