namespace AlphaTrade.RxMonitor.Health;

/// <summary>Thresholds of a database health component.</summary>
public sealed class DatabaseHealthOptions
{
    /// <summary>Connection-pool usage in percent. Default degraded at 80 %, unhealthy at 95 %.</summary>
    public HealthThreshold PoolUsagePercent { get; set; } = new(80, 95);

    /// <summary>Mean command duration over the last 5 minutes, in seconds. Default degraded at 1 s, unhealthy at 5 s.</summary>
    public HealthThreshold AverageQuerySeconds { get; set; } = new(1, 5);

    /// <summary>Failed commands over the last 5 minutes. Default degraded at 50, unhealthy at 500.</summary>
    public HealthThreshold RecentFailures { get; set; } = new(50, 500);
}
