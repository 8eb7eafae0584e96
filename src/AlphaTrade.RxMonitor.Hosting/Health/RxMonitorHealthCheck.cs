using AlphaTrade.RxMonitor.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MsHealthStatus = Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus;
using RxHealthStatus = AlphaTrade.RxMonitor.Health.HealthStatus;

namespace AlphaTrade.RxMonitor.Hosting.Health;

/// <summary>Our <see cref="HealthMonitor"/> as a Microsoft.Extensions <see cref="IHealthCheck"/> (for <c>/health</c> endpoints and probes).</summary>
/// <remarks>
/// Healthy/Degraded/Unhealthy map one to one; the description lists the reasons of every component that is
/// not healthy (or "OK"); the data holds each component's status and reason under its name.
/// Register with <c>services.AddHealthChecks().AddCheck("rxmonitor", new RxMonitorHealthCheck(monitor))</c>.
/// </remarks>
public sealed class RxMonitorHealthCheck : IHealthCheck
{
    private readonly HealthMonitor _monitor;

    /// <summary>Creates the check.</summary>
    /// <param name="monitor">The monitor whose report this check returns.</param>
    public RxMonitorHealthCheck(HealthMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(monitor);
        _monitor = monitor;
    }

    /// <summary>Maps our status to the Microsoft.Extensions one.</summary>
    /// <param name="status">Our status.</param>
    /// <returns>The equivalent status.</returns>
    public static MsHealthStatus ToExtensions(RxHealthStatus status) => status switch
    {
        RxHealthStatus.Healthy => MsHealthStatus.Healthy,
        RxHealthStatus.Degraded => MsHealthStatus.Degraded,
        _ => MsHealthStatus.Unhealthy,
    };

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await _monitor.CheckAsync(cancellationToken);
        var problems = report.Components.Where(c => c.Status != RxHealthStatus.Healthy).Select(c => $"{c.Name}: {c.Reason}").ToList();
        var data = report.Components.ToDictionary(c => c.Name, c => (object)$"{c.Status}: {c.Reason}", StringComparer.Ordinal);
        return new HealthCheckResult(
            ToExtensions(report.Status),
            problems.Count == 0 ? "OK" : string.Join("; ", problems),
            exception: null,
            data);
    }
}
