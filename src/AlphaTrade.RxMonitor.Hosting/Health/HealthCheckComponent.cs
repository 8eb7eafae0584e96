using AlphaTrade.RxMonitor.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MsHealthStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;
using RxHealthStatus = AlphaTrade.RxMonitor.Health.HealthStatus;

namespace AlphaTrade.RxMonitor.Hosting.Health;

/// <summary>An existing Microsoft.Extensions <see cref="IHealthCheck"/> as a component of our <see cref="HealthMonitor"/>.</summary>
/// <remarks>
/// The check runs with a registration of this name and <see cref="FailureStatus"/>; its result's status, description
/// (or exception message) and data become the component's. A check that throws is handled by the monitor
/// (unhealthy, reported). The component's kind is <c>health-check</c>.
/// </remarks>
public sealed class HealthCheckComponent : IHealthComponent
{
    private readonly IHealthCheck _check;
    private readonly HealthCheckRegistration _registration;

    /// <summary>Wraps <paramref name="check"/>.</summary>
    /// <param name="name">The component's name.</param>
    /// <param name="check">The health check.</param>
    /// <param name="failureStatus">The status the check's own failures map to; default unhealthy.</param>
    public HealthCheckComponent(string name, IHealthCheck check, MsHealthStatus failureStatus = MsHealthStatus.Unhealthy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        _check = check;
        _registration = new HealthCheckRegistration(name, check, failureStatus, tags: null);
        Name = name;
        FailureStatus = failureStatus;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The status the check's failures map to.</summary>
    public MsHealthStatus FailureStatus { get; }

    /// <summary>Maps a Microsoft.Extensions status to ours.</summary>
    /// <param name="status">Their status.</param>
    /// <returns>Ours.</returns>
    public static RxHealthStatus FromExtensions(MsHealthStatus status) => status switch
    {
        MsHealthStatus.Healthy => RxHealthStatus.Healthy,
        MsHealthStatus.Degraded => RxHealthStatus.Degraded,
        _ => RxHealthStatus.Unhealthy,
    };

    /// <inheritdoc />
    public async ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var result = await _check.CheckHealthAsync(new HealthCheckContext { Registration = _registration }, cancellationToken);
        var reason = result.Description ?? result.Exception?.Message ?? (result.Status == MsHealthStatus.Healthy ? "OK" : result.Status.ToString());
        return new ComponentHealth(
            Name,
            "health-check",
            FromExtensions(result.Status),
            reason,
            result.Data.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));
    }
}
