namespace AlphaTrade.RxMonitor.Health;

/// <summary>
/// The seed's health snapshot: the figures its alert checks use, plus the full <see cref="HealthReport"/>.
/// Returned by <see cref="HealthMonitor.GetHealthMetricsAsync"/>.
/// </summary>
/// <remarks>
/// A figure is <see langword="null"/> when nothing measures it (no database registered, no fresh system
/// sample, no data set). Database figures are the worst across databases: the highest pool usage and mean
/// query time, the sum of failed queries; "recent" means the last 5 minutes.
/// </remarks>
public sealed record HealthMetrics
{
    /// <summary>When the snapshot was taken, on the monitor's clock.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The overall status (the worst component).</summary>
    public required HealthStatus Status { get; init; }

    /// <summary>Highest connection-pool usage across databases, in percent.</summary>
    public double? ConnectionPoolUsagePercent { get; init; }

    /// <summary>Highest mean query time across databases over the last 5 minutes, in milliseconds.</summary>
    public double? AverageQueryTimeMs { get; init; }

    /// <summary>Failed queries across databases over the last 5 minutes.</summary>
    public long? FailedQueries { get; init; }

    /// <summary>Total CPU usage in percent.</summary>
    public double? CpuUsagePercent { get; init; }

    /// <summary>Memory usage in percent.</summary>
    public double? MemoryUsagePercent { get; init; }

    /// <summary>Usage of the fullest file system in percent.</summary>
    public double? DiskUsagePercent { get; init; }

    /// <summary>Age of the stalest data set (the seed's "snapshot" heartbeat), in seconds.</summary>
    public double? DataFreshnessAgeSeconds { get; init; }

    /// <summary>Every component's result.</summary>
    public required HealthReport Report { get; init; }
}
