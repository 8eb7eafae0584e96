using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Time;

namespace AlphaTrade.RxMonitor.Facade;

/// <summary>
/// The seed's health monitor: <c>GetHealthMetricsAsync()</c> and <c>GetPerformanceMetricsAsync()</c>, composed of the
/// core <see cref="HealthMonitor"/> and a <see cref="PerformanceAnalyzer"/>.
/// </summary>
/// <remarks>Both calls may run on any thread; the health checks run one after another (see <see cref="HealthMonitor"/>).</remarks>
public sealed class SeedHealthMonitor : IDisposable
{
    /// <summary>Creates the monitor from the seed-style configuration object (<c>new SeedHealthMonitor(config)</c>).</summary>
    /// <param name="config">The components (<see cref="RxMonitorConfig.HealthComponents"/>), scheduler, failure listener, options and analyzer.</param>
    public SeedHealthMonitor(RxMonitorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Monitor = new HealthMonitor(config.HealthComponents, config.Scheduler, config.FailureListener ?? NullFailureListener.Instance, config.Health);
        Performance = config.Performance ?? new PerformanceAnalyzer(
            null, Monitor.Components.OfType<DatabaseHealth>().Select(static d => d.Metrics), config.Scheduler.AsTimeProvider());
    }

    /// <summary>The core health monitor (reports, change stream, components).</summary>
    public HealthMonitor Monitor { get; }

    /// <summary>The analyzer behind <see cref="GetPerformanceMetricsAsync"/>, for the per-section API and time ranges.</summary>
    public PerformanceAnalyzer Performance { get; }

    /// <summary>The seed's health snapshot (see <see cref="HealthMonitor.GetHealthMetricsAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the checks.</param>
    /// <returns>The snapshot.</returns>
    public Task<HealthMetrics> GetHealthMetricsAsync(CancellationToken cancellationToken = default) =>
        Monitor.GetHealthMetricsAsync(cancellationToken);

    /// <summary>
    /// The seed's performance data: query performance per statement with the slowest, resource bottlenecks,
    /// capacity forecasts, trends and seasonal baselines (see <see cref="PerformanceAnalyzer.GetReportAsync"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The report; never throws for a failing store (the report lists what could not be computed).</returns>
    public Task<PerformanceReport> GetPerformanceMetricsAsync(CancellationToken cancellationToken = default) =>
        Performance.GetReportAsync(cancellationToken);

    /// <inheritdoc />
    public void Dispose() => Monitor.Dispose();
}
