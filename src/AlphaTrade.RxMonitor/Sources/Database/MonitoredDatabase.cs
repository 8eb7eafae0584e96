namespace AlphaTrade.RxMonitor.Sources.Database;

/// <summary>One watched database: its instrumentation (for health), the sources to poll and what they hold open.</summary>
/// <remarks>Poll <see cref="Sources"/> every <see cref="Interval"/>; dispose only after their polls stopped.</remarks>
public sealed class MonitoredDatabase : IDisposable
{
    private readonly IDisposable? _resources;

    /// <summary>Creates the database's bundle.</summary>
    /// <param name="metrics">The database's instrumentation (itself a source, included in <paramref name="sources"/> by the caller).</param>
    /// <param name="sources">Every source of the database.</param>
    /// <param name="interval">Time between polls.</param>
    /// <param name="resources">What the sources hold open (a data source, a pool), disposed with this; or <see langword="null"/>.</param>
    public MonitoredDatabase(DatabaseMetrics metrics, IReadOnlyList<IMetricSource> sources, TimeSpan interval, IDisposable? resources = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Metrics = metrics;
        Sources = sources;
        Interval = interval;
        _resources = resources;
    }

    /// <summary>The database's name (the <c>db</c> label).</summary>
    public string Name => Metrics.DatabaseName;

    /// <summary>The database's instrumentation: pool, commands, probe outcome.</summary>
    public DatabaseMetrics Metrics { get; }

    /// <summary>The sources to poll.</summary>
    public IReadOnlyList<IMetricSource> Sources { get; }

    /// <summary>Time between polls.</summary>
    public TimeSpan Interval { get; }

    /// <inheritdoc />
    public void Dispose() => _resources?.Dispose();
}
