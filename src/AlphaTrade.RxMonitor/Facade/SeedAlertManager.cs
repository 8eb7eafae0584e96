using System.Globalization;
using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Facade;

/// <summary>
/// The seed's alert manager: <c>CheckMetrics(metrics)</c> and <c>ProcessAlertAsync(alert)</c> over the core
/// <see cref="AlertManager"/>, which does everything else (identity, silences, grouping, routing, history).
/// </summary>
/// <remarks>
/// <see cref="CheckMetrics"/> only reads the manager's active alerts and may run on any thread; processing goes
/// through <see cref="AlertManager.Process"/>, with its threading and failure rules.
/// </remarks>
public sealed class SeedAlertManager : IAsyncDisposable
{
    private readonly HealthAlertOptions _thresholds;

    /// <summary>Creates the alert manager from the seed-style configuration object (<c>new SeedAlertManager(config)</c>).</summary>
    /// <param name="config">The scheduler, alerting options (with the checks' thresholds), history and failure listener.</param>
    /// <exception cref="Configuration.ConfigurationException">The alerting options are invalid; every problem is listed.</exception>
    public SeedAlertManager(RxMonitorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Manager = new AlertManager(config.Alerting, config.Scheduler, config.AlertHistory, config.FailureListener);
        _thresholds = CopyOf(config.Alerting.HealthAlerts);
    }

    /// <summary>The core alert manager (active alerts, history, silences, sinks, statistics).</summary>
    public AlertManager Manager { get; }

    /// <summary>
    /// Checks a health snapshot against the seed's thresholds (<see cref="AlertingOptions.HealthAlerts"/>) and returns
    /// every breach at once, plus the resolution of each earlier breach that has cleared; <see langword="null"/> when
    /// there is nothing to report.
    /// </summary>
    /// <param name="metrics">The snapshot, e.g. from <see cref="SeedHealthMonitor.GetHealthMetricsAsync"/>.</param>
    /// <returns>The events to hand to <see cref="ProcessAlertAsync(AlertBatch)"/>, or <see langword="null"/>.</returns>
    /// <remarks>
    /// <para>Checks (rule name, fires when, severity): <c>DatabaseConnectionPoolHigh</c> pool ≥ 80 % → Error;
    /// <c>DatabaseSlowQueries</c> mean query time ≥ 1000 ms → Warning; <c>DatabaseFailedQueries</c> failed queries ≥ 50
    /// → Error; <c>HighCpu</c> CPU ≥ 85 % → Warning; <c>HighMemory</c> memory ≥ 85 % → Warning; <c>DiskSpaceHigh</c>
    /// disk ≥ 85 % → Error; <c>DataStale</c> data older than 3600 s → Warning. A figure that nothing measures
    /// (<see langword="null"/>) does not breach.</para>
    /// <para>The events carry the labels <c>alertname</c> (the rule name, as in the default rules) and
    /// <c>source="health_snapshot"</c>, so they never share identity with the pipeline's default-rule alerts; the
    /// value is the figure, the time the snapshot's. Firing events fire at once (a snapshot has no <c>for</c>).</para>
    /// <para>Nothing is processed here: the call only reads the manager's active alerts, so that a check that fired
    /// (and was processed) and no longer breaches yields a resolved event. Call it on any thread.</para>
    /// </remarks>
    public AlertBatch? CheckMetrics(HealthMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var active = Manager.GetActiveAlerts()
            .Where(static a => string.Equals(a.Labels.Get(HealthSnapshotCheck.SourceLabel), HealthSnapshotCheck.SourceValue, StringComparison.Ordinal))
            .ToDictionary(static a => a.RuleName, StringComparer.Ordinal);
        var events = new List<AlertEvent>();
        foreach (var check in HealthSnapshotCheck.All)
        {
            var threshold = check.Threshold(_thresholds);
            var figure = check.Figure(metrics);
            var breached = figure is { } value && check.Breaches(value, threshold);
            active.TryGetValue(check.RuleName, out var current);
            if (breached)
            {
                events.Add(HealthEvent(check, AlertState.Firing, figure!.Value, threshold, metrics.Timestamp, current?.ActiveAt ?? metrics.Timestamp));
            }
            else if (current is not null)
            {
                events.Add(HealthEvent(check, AlertState.Resolved, figure ?? double.NaN, threshold, metrics.Timestamp, current.ActiveAt));
            }
        }

        return events.Count == 0 ? null : new AlertBatch([.. events]);
    }

    /// <summary>Processes every event of a health-snapshot check (the seed's call with <see cref="CheckMetrics"/>'s result); completes synchronously.</summary>
    /// <param name="alerts">The batch.</param>
    /// <returns>A completed task.</returns>
    public ValueTask ProcessAlertAsync(AlertBatch alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        foreach (var alert in alerts)
        {
            Manager.Process(alert);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Processes one alert event (the seed's call); completes synchronously.</summary>
    /// <param name="alert">The event.</param>
    /// <returns>A completed task.</returns>
    public ValueTask ProcessAlertAsync(AlertEvent alert)
    {
        Manager.Process(alert);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Manager.DisposeAsync();

    private static HealthAlertOptions CopyOf(HealthAlertOptions? options)
    {
        options ??= new HealthAlertOptions();
        return new HealthAlertOptions
        {
            ConnectionPoolUsagePercent = options.ConnectionPoolUsagePercent,
            AverageQueryTimeMs = options.AverageQueryTimeMs,
            FailedQueries = options.FailedQueries,
            CpuUsagePercent = options.CpuUsagePercent,
            MemoryUsagePercent = options.MemoryUsagePercent,
            DiskUsagePercent = options.DiskUsagePercent,
            DataFreshnessAgeSeconds = options.DataFreshnessAgeSeconds,
        };
    }

    private static AlertEvent HealthEvent(HealthSnapshotCheck check, AlertState state, double value, double threshold, DateTimeOffset at, DateTimeOffset activeAt)
    {
        var comparison = check.Strict ? ">" : "≥";
        var figure = double.IsNaN(value) ? "not measured" : value.ToString("0.##", CultureInfo.InvariantCulture) + check.Unit;
        var limit = threshold.ToString("0.##", CultureInfo.InvariantCulture) + check.Unit;
        return new AlertEvent
        {
            RuleName = check.RuleName,
            State = state,
            Severity = check.Severity,
            Labels = LabelSet.Create(new Label(AlertLabels.AlertName, check.RuleName), new Label(HealthSnapshotCheck.SourceLabel, HealthSnapshotCheck.SourceValue)),
            Annotations = new Dictionary<string, string>
            {
                ["summary"] = $"{check.Description} {figure} (fires at {comparison} {limit})",
            },
            Value = value,
            Timestamp = at,
            ActiveAt = activeAt,
        };
    }
}
