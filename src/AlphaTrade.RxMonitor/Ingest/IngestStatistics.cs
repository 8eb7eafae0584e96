namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>A snapshot of the ingest hand-off's counters.</summary>
/// <param name="Accepted">Samples queued since start.</param>
/// <param name="Delivered">Samples handed to the pipeline since start.</param>
/// <param name="Dropped">Samples lost to full queues (newest dropped or oldest evicted).</param>
/// <param name="Rejected">Samples refused in <see cref="IngestFullMode.Reject"/> mode.</param>
/// <param name="Invalid">Samples refused because their value was NaN or infinite.</param>
/// <param name="Late">
/// Samples dropped at delivery because they were older than their series' newest delivered sample (the
/// ingest delivers each series in non-decreasing time).
/// </param>
/// <param name="QueueDepth">Samples queued and not yet delivered.</param>
/// <param name="Writers">Writer threads with a queue.</param>
/// <param name="LastLag">
/// Pipeline time minus sample time of the first sample of the last drained batch: how far the consumer runs
/// behind live-stamped samples (meaningless for samples that carry old recorded times).
/// </param>
public readonly record struct IngestStatistics(
    long Accepted,
    long Delivered,
    long Dropped,
    long Rejected,
    long Invalid,
    long Late,
    long QueueDepth,
    int Writers,
    TimeSpan LastLag)
{
    /// <summary>Live series: seen and not evicted for being idle (at most <see cref="IngestOptions.MaxSeries"/>).</summary>
    public int Series { get; init; }

    /// <summary>Samples dropped because their series was new while the live series were at <see cref="IngestOptions.MaxSeries"/>.</summary>
    public long SeriesRejected { get; init; }

    /// <summary>
    /// The most a <see cref="Late"/> sample was older than its series' newest delivered sample, since start:
    /// microseconds when two writers' stamps of one series crossed, about the step when the clock stepped back.
    /// </summary>
    public TimeSpan LateMaxBehind { get; init; }

    /// <summary>Series evicted since start for being idle longer than <see cref="IngestOptions.SeriesIdleAfter"/>.</summary>
    public long SeriesEvicted { get; init; }

    /// <summary>
    /// Times the consumer thread (<see cref="IngestLoop"/>) parked on empty queues since start. Each park ends in a
    /// wake-up, which the next sample waits for: tens of µs to milliseconds on a VM. A steady stream that parks often
    /// pays that in its latency tail; <see cref="IngestOptions.DedicatedSpinningConsumer"/> never parks.
    /// </summary>
    public long ConsumerParks { get; init; }
}
