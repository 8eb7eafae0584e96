using AlphaTrade.RxMonitor.Sources.Application;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>Health of the registered background tasks.</summary>
/// <remarks>
/// A task that missed one heartbeat, or whose last run failed, makes the component degraded; one that
/// missed <see cref="UnhealthyMissedHeartbeats"/> heartbeats or failed that many runs in a row, unhealthy.
/// </remarks>
public sealed class BackgroundTasksHealth : IHealthComponent
{
    private readonly BackgroundTaskMonitor _monitor;

    /// <summary>Creates the component.</summary>
    /// <param name="monitor">The background-task monitor.</param>
    public BackgroundTasksHealth(BackgroundTaskMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _monitor = monitor;
    }

    /// <summary>Missed heartbeats or consecutive failures that make the component unhealthy. Default 3.</summary>
    public int UnhealthyMissedHeartbeats { get; init; } = 3;

    /// <inheritdoc />
    public string Name => "background-tasks";

    /// <inheritdoc />
    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var verdict = new HealthVerdict(Name, "background-tasks");
        foreach (var task in _monitor.GetStatuses())
        {
            verdict.Data(task.Name, task.State.ToString());
            if (task.MissedHeartbeats > 0)
            {
                var status = task.MissedHeartbeats >= UnhealthyMissedHeartbeats ? HealthStatus.Unhealthy : HealthStatus.Degraded;
                verdict.Flag(status, $"{task.Name} missed {task.MissedHeartbeats} heartbeat(s)");
            }

            if (task.ConsecutiveFailures > 0)
            {
                var status = task.ConsecutiveFailures >= UnhealthyMissedHeartbeats ? HealthStatus.Unhealthy : HealthStatus.Degraded;
                verdict.Flag(status, $"{task.Name} failed {task.ConsecutiveFailures} run(s) in a row: {task.LastError ?? "no message"}");
            }
        }

        return ValueTask.FromResult(verdict.Result());
    }
}
