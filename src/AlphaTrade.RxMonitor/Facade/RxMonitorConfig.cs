using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor.Facade;

/// <summary>
/// One configuration object for the seed-style facade: <c>new SeedHealthMonitor(config)</c> and
/// <c>new SeedAlertManager(config)</c> compose the core monitor and alert manager from it.
/// </summary>
/// <remarks>
/// A convenience over the core constructors (<see cref="HealthMonitor(IEnumerable{IHealthComponent}, IScheduler, IFailureListener, HealthMonitorOptions?)"/>,
/// <see cref="AlertManager(AlertingOptions, IScheduler, IAlertHistory?, IFailureListener?, Alerting.Receivers.AlertSinkRegistry?, HttpClient?)"/>);
/// hosts that need sink registries or their own <see cref="HttpClient"/> use those. Both facade objects share the
/// <see cref="Scheduler"/>, so one <c>TestScheduler</c> drives them in tests.
/// </remarks>
public sealed class RxMonitorConfig
{
    /// <summary>The clock and timer source of every part (the pipeline's scheduler; a <c>TestScheduler</c> in tests).</summary>
    public required IScheduler Scheduler { get; init; }

    /// <summary>The alert manager's options, including the seed checks' thresholds (<see cref="AlertingOptions.HealthAlerts"/>).</summary>
    public AlertingOptions Alerting { get; init; } = new();

    /// <summary>Where alert transitions, notifications and silences are recorded (default: in memory).</summary>
    public IAlertHistory? AlertHistory { get; init; }

    /// <summary>Receives isolated run-time failures (default: none; failures are then only counted).</summary>
    public IFailureListener? FailureListener { get; init; }

    /// <summary>The components the health monitor checks, in report order.</summary>
    public IReadOnlyList<IHealthComponent> HealthComponents { get; init; } = [];

    /// <summary>The health monitor's options (default: a 10 s report interval).</summary>
    public HealthMonitorOptions? Health { get; init; }

    /// <summary>
    /// The analyzer behind <see cref="SeedHealthMonitor.GetPerformanceMetricsAsync"/> (e.g. over the SQLite store's
    /// roll-ups); when <see langword="null"/>, one over the components' databases (live query performance only, no
    /// history) on the scheduler's clock.
    /// </summary>
    public PerformanceAnalyzer? Performance { get; init; }
}
