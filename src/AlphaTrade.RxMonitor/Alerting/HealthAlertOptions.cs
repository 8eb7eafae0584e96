namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// Thresholds of the seed's health-snapshot checks (<c>Facade.SeedAlertManager.CheckMetrics</c>), with the seed's values as defaults.
/// </summary>
/// <remarks>
/// Every check fires when its figure is at or above the threshold (the seed's <c>≥</c>), except data freshness,
/// which fires when the data is older than <see cref="DataFreshnessAgeSeconds"/> (the seed's "older than").
/// Severities are the seed's and not configurable: pool, failed queries and disk → Error; query time, CPU, memory
/// and freshness → Warning. Configured under <c>RxMonitor:Alerting:healthAlerts</c>.
/// </remarks>
public sealed class HealthAlertOptions
{
    /// <summary>Connection-pool usage in percent at which <c>DatabaseConnectionPoolHigh</c> fires (default 80).</summary>
    public double ConnectionPoolUsagePercent { get; set; } = 80;

    /// <summary>Mean query time in milliseconds at which <c>DatabaseSlowQueries</c> fires (default 1000).</summary>
    public double AverageQueryTimeMs { get; set; } = 1000;

    /// <summary>Failed queries (last 5 minutes) at which <c>DatabaseFailedQueries</c> fires (default 50).</summary>
    public double FailedQueries { get; set; } = 50;

    /// <summary>CPU usage in percent at which <c>HighCpu</c> fires (default 85).</summary>
    public double CpuUsagePercent { get; set; } = 85;

    /// <summary>Memory usage in percent at which <c>HighMemory</c> fires (default 85).</summary>
    public double MemoryUsagePercent { get; set; } = 85;

    /// <summary>Disk usage in percent at which <c>DiskSpaceHigh</c> fires (default 85).</summary>
    public double DiskUsagePercent { get; set; } = 85;

    /// <summary>Data age in seconds beyond which <c>DataStale</c> fires (default 3600).</summary>
    public double DataFreshnessAgeSeconds { get; set; } = 3600;
}
