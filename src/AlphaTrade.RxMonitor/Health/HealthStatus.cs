namespace AlphaTrade.RxMonitor.Health;

/// <summary>The health of a component or of the whole; ordered so that the worst is the largest.</summary>
public enum HealthStatus
{
    /// <summary>Working as expected.</summary>
    Healthy = 0,

    /// <summary>Working, but a figure crossed a warning threshold.</summary>
    Degraded = 1,

    /// <summary>Not working, or a figure crossed a critical threshold.</summary>
    Unhealthy = 2,
}
