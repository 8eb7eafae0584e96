namespace AlphaTrade.RxMonitor.Health;

/// <summary>A pair of thresholds on one figure: at or above <paramref name="Degraded"/> the component is degraded, at or above <paramref name="Unhealthy"/> unhealthy.</summary>
/// <param name="Degraded">The degraded threshold.</param>
/// <param name="Unhealthy">The unhealthy threshold (at least <paramref name="Degraded"/>).</param>
public readonly record struct HealthThreshold(double Degraded, double Unhealthy)
{
    /// <summary>The status <paramref name="value"/> deserves.</summary>
    /// <param name="value">The figure.</param>
    /// <returns>The status.</returns>
    public HealthStatus Judge(double value) =>
        value >= Unhealthy ? HealthStatus.Unhealthy : value >= Degraded ? HealthStatus.Degraded : HealthStatus.Healthy;
}
