using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Health;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Facade;

/// <summary>One of the seed's health-snapshot checks: the figure it reads, its threshold and severity.</summary>
internal sealed record HealthSnapshotCheck(
    string RuleName,
    Severity Severity,
    Func<HealthMetrics, double?> Figure,
    Func<HealthAlertOptions, double> Threshold,
    bool Strict,
    string Description,
    string Unit)
{
    /// <summary>The label that marks alerts raised by <see cref="SeedAlertManager.CheckMetrics"/>.</summary>
    public const string SourceLabel = "source";

    /// <summary>The value of <see cref="SourceLabel"/>.</summary>
    public const string SourceValue = "health_snapshot";

    /// <summary>The seed's checks, in the seed's order; rule names are those of the default rules.</summary>
    public static IReadOnlyList<HealthSnapshotCheck> All { get; } =
    [
        new("DatabaseConnectionPoolHigh", Severity.Error, static m => m.ConnectionPoolUsagePercent, static o => o.ConnectionPoolUsagePercent, false, "Connection pool usage", "%"),
        new("DatabaseSlowQueries", Severity.Warning, static m => m.AverageQueryTimeMs, static o => o.AverageQueryTimeMs, false, "Average query time", " ms"),
        new("DatabaseFailedQueries", Severity.Error, static m => m.FailedQueries, static o => o.FailedQueries, false, "Failed queries (5 min)", ""),
        new("HighCpu", Severity.Warning, static m => m.CpuUsagePercent, static o => o.CpuUsagePercent, false, "CPU usage", "%"),
        new("HighMemory", Severity.Warning, static m => m.MemoryUsagePercent, static o => o.MemoryUsagePercent, false, "Memory usage", "%"),
        new("DiskSpaceHigh", Severity.Error, static m => m.DiskUsagePercent, static o => o.DiskUsagePercent, false, "Disk usage", "%"),
        new("DataStale", Severity.Warning, static m => m.DataFreshnessAgeSeconds, static o => o.DataFreshnessAgeSeconds, true, "Data age", " s"),
    ];

    /// <summary>Whether <paramref name="value"/> breaches <paramref name="threshold"/> (at or above; strictly above when <see cref="Strict"/>).</summary>
    public bool Breaches(double value, double threshold) => Strict ? value > threshold : value >= threshold;
}
