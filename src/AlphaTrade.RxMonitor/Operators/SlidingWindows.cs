using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Operators;

public static partial class MetricObservableExtensions
{
    /// <summary>
    /// Per-series event-time sliding windows: every <paramref name="slide"/>, for each series, the aggregates of
    /// the last <paramref name="size"/> [end − size, end), for each window that holds samples; window ends are
    /// aligned to multiples of the slide since the Unix epoch.
    /// </summary>
    /// <param name="source">The samples, per series in non-decreasing time (see <c>DropInvalid</c>).</param>
    /// <param name="size">The window length; a positive multiple of <paramref name="slide"/>.</param>
    /// <param name="slide">How far consecutive windows are apart; positive.</param>
    /// <param name="scheduler">The clock of the silence timer; its time must be the samples' event time (the pipeline's scheduler).</param>
    /// <param name="quantiles">Quantiles to estimate per window (each 0 ≤ q ≤ 1), or none.</param>
    /// <param name="closeDelay">How long after a window's end the timer waits for stragglers before closing it; default zero.</param>
    /// <returns>One <see cref="WindowAggregate"/> per series and non-empty window, in the order windows close.</returns>
    /// <remarks>
    /// Samples are accumulated in panes one slide long (count, sum, min, max, last, variance and, with quantiles,
    /// a <see cref="DDSketch"/> each), and a window is the merge of its size / slide panes, so adding a sample
    /// costs the same as for a tumbling window. Windows close as in <see cref="TumblingWindows"/>: on event time,
    /// or by the one re-armed silence timer at end + <paramref name="closeDelay"/>; a silent series keeps
    /// producing windows until its last sample has slid out. Completion closes every pending window; errors are
    /// forwarded.
    /// </remarks>
    public static IObservable<WindowAggregate> SlidingWindows(
        this IObservable<MetricSample> source,
        TimeSpan size,
        TimeSpan slide,
        IScheduler scheduler,
        IReadOnlyList<double>? quantiles = null,
        TimeSpan? closeDelay = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(slide, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(size, TimeSpan.Zero);
        if (size.Ticks % slide.Ticks != 0)
        {
            throw new ArgumentException($"The window size ({size}) must be a multiple of the slide ({slide}).", nameof(size));
        }

        var delay = closeDelay ?? TimeSpan.Zero;
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero, nameof(closeDelay));
        double[] levels = quantiles is null ? [] : [.. quantiles];
        foreach (var q in levels)
        {
            if (!(q >= 0 && q <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(quantiles), q, "Every quantile must be between 0 and 1.");
            }
        }

        return Observable.Create<WindowAggregate>(observer =>
        {
            var sink = new WindowSink(observer, size, slide, delay, scheduler, levels);
            sink.Run(source);
            return sink;
        });
    }
}
