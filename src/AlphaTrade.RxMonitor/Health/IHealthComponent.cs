namespace AlphaTrade.RxMonitor.Health;

/// <summary>A part of the system whose health the <see cref="HealthMonitor"/> checks.</summary>
/// <remarks>
/// Called by the monitor, one check at a time per component. A check should be quick (it reads figures
/// already collected); one that throws is reported as unhealthy with the exception's message and to the
/// failure listener, and never stops the other checks.
/// </remarks>
public interface IHealthComponent
{
    /// <summary>The component's name (unique within a monitor).</summary>
    string Name { get; }

    /// <summary>Judges the component's health now.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The result.</returns>
    ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken);
}
