using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Health;

namespace AlphaTrade.RxMonitor;

/// <summary>
/// One configuration object for the seed-style facade: <c>new HealthMonitor(config)</c> and
/// <c>new AlertManager(config)</c> read what they need from it.
/// </summary>
/// <remarks>
/// A convenience over the full constructors (<see cref="HealthMonitor(IEnumerable{IHealthComponent}, IScheduler, IFailureListener, HealthMonitorOptions?, Analytics.PerformanceAnalyzer?)"/>,
/// <see cref="AlertManager(AlertingOptions, IScheduler, IAlertHistory?, IFailureListener?, Sinks.AlertSinkRegistry?, HttpClient?)"/>);
/// hosts that need sink registries or their own <see cref="HttpClient"/> use those. Both objects share the
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
}
