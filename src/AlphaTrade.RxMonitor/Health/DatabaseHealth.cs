using AlphaTrade.RxMonitor.Sources.Database;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>Health of one database: pool usage, recent mean query time, recent failures and the last probe.</summary>
/// <remarks>A failed last probe makes the database unhealthy ("probe failed").</remarks>
public sealed class DatabaseHealth : IHealthComponent
{
    private readonly DatabaseMetrics _metrics;
    private readonly DatabaseHealthOptions _options;

    /// <summary>Creates the component.</summary>
    /// <param name="metrics">The database's instrumentation.</param>
    /// <param name="options">Thresholds; defaults when <see langword="null"/>.</param>
    public DatabaseHealth(DatabaseMetrics metrics, DatabaseHealthOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _metrics = metrics;
        _options = options ?? new DatabaseHealthOptions();
    }

    /// <summary>The database's instrumentation.</summary>
    public DatabaseMetrics Metrics => _metrics;

    /// <inheritdoc />
    public string Name => "database:" + _metrics.DatabaseName;

    /// <inheritdoc />
    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var snapshot = _metrics.GetSnapshot();
        var verdict = new HealthVerdict(Name, "database");
        verdict.Check("pool_usage_percent", snapshot.Pool.UsagePercent, _options.PoolUsagePercent, "%");
        verdict.Data("pool_in_use", snapshot.Pool.InUse);
        verdict.Data("pool_max", snapshot.Pool.Max);
        verdict.Check("avg_query_seconds", snapshot.RecentAverageQuerySeconds, _options.AverageQuerySeconds, " s");
        verdict.Check("recent_failed_queries", snapshot.RecentFailures, _options.RecentFailures, string.Empty);
        verdict.Data("lock_contentions_total", snapshot.LockContentionsTotal);
        if (snapshot.LastProbeLatencySeconds is { } latency)
        {
            verdict.Data("probe_latency_seconds", latency);
        }

        if (snapshot.LastProbeSucceeded == false)
        {
            verdict.Flag(HealthStatus.Unhealthy, "probe failed");
        }

        return ValueTask.FromResult(verdict.Result());
    }
}
