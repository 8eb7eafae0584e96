namespace AlphaTrade.RxMonitor.Health;

/// <summary>Health of the monitoring pipeline itself: ingest drops and lag, series over the limit, faulted rules, sink drops.</summary>
/// <remarks>
/// Drops are judged by their increase since the previous check (a drop is news once): any increase makes the
/// pipeline degraded. Lag is degraded from <see cref="LagSeconds"/>' first threshold, unhealthy from its
/// second; any faulted rule makes it degraded. Not thread-safe: one monitor checks it.
/// </remarks>
public sealed class PipelineHealth : IHealthComponent
{
    private readonly IPipelineHealth _pipeline;
    private long _lastIngestDropped;
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
        verdict.Check("ingest_lag_seconds", figures.IngestLag.TotalSeconds, LagSeconds, " s");
        if (figures.IngestDropped > _lastIngestDropped)
        {
            verdict.Flag(HealthStatus.Degraded, $"ingest dropped {figures.IngestDropped - _lastIngestDropped} sample(s)");
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
        _lastSinkDropped = figures.SinkDropped;
        _lastSeriesRejected = figures.SeriesRejected;
        return ValueTask.FromResult(verdict.Result());
    }
}
