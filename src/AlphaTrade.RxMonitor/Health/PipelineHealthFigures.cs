namespace AlphaTrade.RxMonitor.Health;

/// <summary>The pipeline's own figures, cumulative where they count.</summary>
/// <param name="IngestDropped">Samples the ingest dropped since start (full buffer, invalid, too late).</param>
/// <param name="IngestLag">How far the consumer is behind the newest sample handed in.</param>
/// <param name="FaultedRules">Names of rules whose detector faulted and that are not evaluating.</param>
/// <param name="SinkDropped">Notifications sinks dropped since start (full queues).</param>
public sealed record PipelineHealthFigures(
    long IngestDropped,
    TimeSpan IngestLag,
    IReadOnlyList<string> FaultedRules,
    long SinkDropped)
{
    /// <summary>Samples of new series the ingest rejected since start because the live series were at <c>MaxSeries</c>.</summary>
    public long SeriesRejected { get; init; }
}
