using AlphaTrade.RxMonitor.Sources.Application;

namespace AlphaTrade.RxMonitor.Health;

/// <summary>Health of the application's data sets: how long since each was refreshed.</summary>
/// <remarks>Default: degraded at 3600 s (the seed's snapshot rule), unhealthy at 4 hours.</remarks>
public sealed class DataFreshnessHealth : IHealthComponent
{
    private readonly ApplicationMetrics _application;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the component.</summary>
    /// <param name="application">The application instrumentation that holds the data sets.</param>
    /// <param name="timeProvider">The clock.</param>
    public DataFreshnessHealth(ApplicationMetrics application, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _application = application;
        _timeProvider = timeProvider;
    }

    /// <summary>Age thresholds in seconds. Default degraded at 3600, unhealthy at 14400.</summary>
    public HealthThreshold AgeSeconds { get; init; } = new(3600, 14400);

    /// <inheritdoc />
    public string Name => "data-freshness";

    /// <summary>The age of the stalest data set in seconds, or <see langword="null"/> without data sets.</summary>
    /// <returns>The age.</returns>
    public double? OldestAgeSeconds()
    {
        var now = _timeProvider.GetUtcNow().UtcTicks;
        var sets = _application.DataSets();
        return sets.Count == 0 ? null : sets.Max(d => d.AgeSeconds(now));
    }

    /// <inheritdoc />
    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var verdict = new HealthVerdict(Name, "data-freshness");
        var now = _timeProvider.GetUtcNow().UtcTicks;
        foreach (var data in _application.DataSets())
        {
            verdict.Check(data.Key.GetLabel("dataset") + "_age_seconds", data.AgeSeconds(now), AgeSeconds, " s");
        }

        return ValueTask.FromResult(verdict.Result());
    }
}
