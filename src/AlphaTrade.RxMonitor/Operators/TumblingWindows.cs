using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

public static partial class MetricObservableExtensions
{
    /// <summary>
    /// Per-series event-time tumbling windows: for each series, the aggregates of each <paramref name="size"/>
    /// long window [start, start + size) that holds samples, windows aligned to multiples of the size since the
    /// Unix epoch.
    /// </summary>
    /// <param name="source">The samples, per series in non-decreasing time (see <c>DropInvalid</c>).</param>
    /// <param name="size">The window length; positive.</param>
    /// <param name="scheduler">The clock of the silence timer; its time must be the samples' event time (the pipeline's scheduler).</param>
    /// <param name="quantiles">Quantiles to estimate per window (each 0 ≤ q ≤ 1), or none.</param>
    /// <param name="closeDelay">How long after a window's end the timer waits for stragglers before closing it; default zero.</param>
    /// <returns>One <see cref="WindowAggregate"/> per series and non-empty window, in the order windows close.</returns>
    /// <remarks>
    /// A window closes when a sample of its series at or after its end arrives (event time), or, when the series
    /// has fallen silent, when the scheduler reaches its end plus <paramref name="closeDelay"/>; one timer per
    /// subscription is re-armed for the earliest pending end, never one per series or per sample. A sample of an
    /// already closed window is ignored. Completion closes every pending window, then completes; an error is
    /// forwarded without them. Adding a sample allocates nothing (with quantiles, each emitted window allocates
    /// its array of estimates).
    /// </remarks>
    public static IObservable<WindowAggregate> TumblingWindows(
        this IObservable<MetricSample> source,
        TimeSpan size,
        IScheduler scheduler,
        IReadOnlyList<double>? quantiles = null,
        TimeSpan? closeDelay = null) =>
        SlidingWindows(source, size, size, scheduler, quantiles, closeDelay);
}
