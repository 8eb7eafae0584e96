namespace AlphaTrade.RxMonitor.Health;

/// <summary>Health of the monitoring pipeline itself: ingest drops, late samples and lag, series over the limit, faulted rules, sink drops.</summary>
/// <remarks>
/// Drops are judged by their increase since the previous check (a drop is news once): any increase makes the
/// pipeline degraded. Lag is degraded from <see cref="LagSeconds"/>' first threshold, unhealthy from its
/// second; any faulted rule makes it degraded. Not thread-safe: one monitor checks it.
/// </remarks>
public sealed class PipelineHealth : IHealthComponent
{
    private readonly IPipelineHealth _pipeline;
    private long _lastIngestDropped;
    private long _lastIngestLate;
    private long _lastSinkDropped;
    private long _lastSeriesRejected;

    /// <summary>Creates the component.</summary>
    /// <param name="pipeline">Where the figures come from.</param>
    public PipelineHealth(IPipelineHealth pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        _pipeline = pipeline;
    }

    /// <summary>Ingest lag thresholds in seconds. Default degraded at 5 s, unhealthy at 60 s.</summary>
    public HealthThreshold LagSeconds { get; init; } = new(5, 60);

    /// <inheritdoc />
    public string Name => "pipeline";

    /// <inheritdoc />
    public ValueTask<ComponentHealth> CheckAsync(CancellationToken cancellationToken)
    {
        var figures = _pipeline.GetFigures();
        var verdict = new HealthVerdict(Name, "pipeline");
        verdict.Data("ingest_dropped_total", figures.IngestDropped);
        verdict.Data("sink_dropped_total", figures.SinkDropped);
        verdict.Data("faulted_rules", figures.FaultedRules.Count);
        verdict.Data("series_rejected_total", figures.SeriesRejected);
        verdict.Data("ingest_late_total", figures.IngestLate);
        verdict.Data("ingest_late_max_behind_seconds", figures.IngestLateMaxBehind.TotalSeconds);
        verdict.Check("ingest_lag_seconds", figures.IngestLag.TotalSeconds, LagSeconds, " s");
        if (figures.IngestDropped > _lastIngestDropped)
        {
            verdict.Flag(HealthStatus.Degraded, $"ingest dropped {figures.IngestDropped - _lastIngestDropped} sample(s)");
        }

        if (figures.IngestLate > _lastIngestLate)
        {
            verdict.Flag(
                HealthStatus.Degraded,
                $"ingest dropped {figures.IngestLate - _lastIngestLate} late sample(s), older than their series' newest by up to {Describe(figures.IngestLateMaxBehind)} (explicit times out of order, or the clock stepped back)");
        }

        if (figures.SeriesRejected > _lastSeriesRejected)
        {
            verdict.Flag(HealthStatus.Degraded, $"series limit reached: {figures.SeriesRejected - _lastSeriesRejected} sample(s) of new series rejected (RxMonitor:Ingest:MaxSeries)");
        }

        if (figures.SinkDropped > _lastSinkDropped)
        {
            verdict.Flag(HealthStatus.Degraded, $"sinks dropped {figures.SinkDropped - _lastSinkDropped} notification(s)");
        }

        if (figures.FaultedRules.Count > 0)
        {
            verdict.Flag(HealthStatus.Degraded, "faulted rules: " + string.Join(", ", figures.FaultedRules));
        }

        _lastIngestDropped = figures.IngestDropped;
        _lastIngestLate = figures.IngestLate;
        _lastSinkDropped = figures.SinkDropped;
        _lastSeriesRejected = figures.SeriesRejected;
        return ValueTask.FromResult(verdict.Result());
    }

    private static string Describe(TimeSpan behind) => behind.TotalSeconds switch
    {
        >= 1 => FormattableString.Invariant($"{behind.TotalSeconds:0.###} s"),
        >= 0.001 => FormattableString.Invariant($"{behind.TotalMilliseconds:0.###} ms"),
        _ => FormattableString.Invariant($"{behind.TotalMicroseconds:0.#} µs"),
    };
}
