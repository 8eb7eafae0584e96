using System.Globalization;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <content>The seed facade: checks of a health snapshot and the seed-style constructor.</content>
public sealed partial class AlertManager
{
    private readonly HealthAlertOptions _healthAlerts;

    /// <summary>Creates an alert manager from the seed-style configuration object (<c>new AlertManager(config)</c>).</summary>
    /// <param name="config">The scheduler, alerting options, history and failure listener.</param>
    /// <exception cref="Configuration.ConfigurationException">The alerting options are invalid; every problem is listed.</exception>
    public AlertManager(RxMonitorConfig config)
        : this(NotNull(config).Alerting, config.Scheduler, config.AlertHistory, config.FailureListener)
    {
    }

    /// <summary>
    /// Checks a health snapshot against the seed's thresholds (<see cref="AlertingOptions.HealthAlerts"/>) and returns
    /// every breach at once, plus the resolution of each earlier breach that has cleared; <see langword="null"/> when
    /// there is nothing to report.
    /// </summary>
    /// <param name="metrics">The snapshot, e.g. from <see cref="HealthMonitor.GetHealthMetricsAsync"/>.</param>
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
        var active = ActiveHealthSnapshotAlerts();
        var events = new List<AlertEvent>();
        foreach (var check in HealthSnapshotCheck.All)
        {
            var threshold = check.Threshold(_healthAlerts);
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
            Process(alert);
        }

        return ValueTask.CompletedTask;
    }

    private static RxMonitorConfig NotNull(RxMonitorConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config;
    }

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

    private Dictionary<string, Alert> ActiveHealthSnapshotAlerts()
    {
        var active = new Dictionary<string, Alert>(StringComparer.Ordinal);
        lock (_gate)
        {
            foreach (var entry in _alerts.Values)
            {
                if (entry.State != AlertState.Resolved
                    && string.Equals(entry.Labels.Get(HealthSnapshotCheck.SourceLabel), HealthSnapshotCheck.SourceValue, StringComparison.Ordinal))
                {
                    var alert = entry.Snapshot();
                    active[alert.RuleName] = alert;
                }
            }
        }

        return active;
    }
}
