namespace AlphaTrade.RxMonitor.Operators;

/// <summary>
/// Rx operators over streams of <see cref="Metrics.MetricSample"/>: input hygiene, event-time windows and
/// smoothing. Each operator lives in its own file.
/// </summary>
/// <remarks>
/// Every operator keeps its state per subscription and per series (keyed by <see cref="Metrics.SeriesKey"/>,
/// one dictionary entry per series, no allocation per sample), expects a serialized source (one consumer feeds
/// the pipeline), works in event time (the samples' timestamps) and takes an <see cref="System.Reactive.Concurrency.IScheduler"/>
/// when it needs a timer. Source errors and completion are forwarded.
/// </remarks>
public static partial class MetricObservableExtensions
{
}
