namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// Rx operators over streams of <see cref="Metrics.MetricSample"/>: input hygiene, event-time windows and
/// smoothing. Each operator lives in its own file.
/// </summary>
/// <remarks>
/// Every operator keeps its state per subscription and per series (one <see cref="Metrics.SeriesTable{TState}"/>
/// entry per series, no allocation per sample) and forgets a series with no sample for
/// <see cref="SeriesIdleAfter"/> of event time (its next sample starts afresh), so label churn leaves nothing
/// behind; it expects a serialized source (one consumer feeds
/// the pipeline), works in event time (the samples' timestamps) and takes an <see cref="System.Reactive.Concurrency.IScheduler"/>
/// when it needs a timer. Source errors and completion are forwarded.
/// </remarks>
public static partial class MetricObservableExtensions
{
    /// <summary>How long, in event time, an operator keeps a series' state after its newest sample: one hour.</summary>
    public static readonly TimeSpan SeriesIdleAfter = TimeSpan.FromHours(1);
}
