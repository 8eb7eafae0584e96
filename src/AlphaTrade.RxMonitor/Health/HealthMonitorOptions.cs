using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>Options of the <see cref="HealthMonitor"/>.</summary>
public sealed class HealthMonitorOptions : IValidatableOptions
{
    /// <summary>How often <see cref="HealthMonitor.Reports"/> re-checks the components. Default 10 seconds.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Where the problems of options given in code are reported (these options have no configuration key): <c>HealthMonitorOptions:Interval</c>.</summary>
    public static KeyPath Section { get; } = KeyPath.Section("HealthMonitorOptions");

    /// <inheritdoc/>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        if (Interval <= TimeSpan.Zero)
        {
            problems.Add(path.Key(nameof(Interval)), $"must be positive, was {Interval}.");
        }
    }
}
