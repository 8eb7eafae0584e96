namespace AlphaTrade.RxMonitor.Health;

/// <summary>Options of the <see cref="HealthMonitor"/>.</summary>
public sealed class HealthMonitorOptions
{
    /// <summary>How often <see cref="HealthMonitor.Reports"/> re-checks the components. Default 10 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">The interval is not positive.</exception>
    public void Validate()
    {
        if (Interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Invalid health monitor options: Interval must be positive (was {Interval}).");
        }
    }
}
