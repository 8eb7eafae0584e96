namespace AlphaTrade.RxMonitor.Health;

/// <summary>The pipeline's own figures, cumulative where they count.</summary>
/// <param name="IngestDropped">Samples the ingest dropped since start for a full buffer or an invalid value (late ones are <see cref="IngestLate"/>).</param>
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

    /// <summary>Samples the ingest dropped since start as late: older than their series' newest delivered sample.</summary>
    public long IngestLate { get; init; }

    /// <summary>
    /// The most a late sample was older than its series' newest, since start: microseconds when writers' stamps of one
    /// series crossed, about the step when the clock stepped back.
    /// </summary>
    public TimeSpan IngestLateMaxBehind { get; init; }
}
