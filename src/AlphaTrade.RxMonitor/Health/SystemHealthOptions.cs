namespace AlphaTrade.RxMonitor.Health;

/// <summary>Thresholds of the system-resources health component (percentages).</summary>
public sealed class SystemHealthOptions
{
    /// <summary>Total CPU usage. Default degraded at 85 %, unhealthy at 95 %.</summary>
    public HealthThreshold Cpu { get; set; } = new(85, 95);

    /// <summary>Memory usage. Default degraded at 85 %, unhealthy at 95 %.</summary>
    public HealthThreshold Memory { get; set; } = new(85, 95);

    /// <summary>Usage of the fullest file system. Default degraded at 85 %, unhealthy at 95 %.</summary>
    public HealthThreshold Disk { get; set; } = new(85, 95);

    /// <summary>Figures older than this are not used (the source stopped). Default 5 minutes.</summary>
    public TimeSpan Staleness { get; set; } = TimeSpan.FromMinutes(5);
}
