using System.Reactive.Concurrency;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Configuration;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Sources;

/// <summary>Turns polled <see cref="IMetricSource"/>s into supervised sample streams.</summary>
public static class MetricSourceObservableExtensions
{
    /// <summary>Polls <paramref name="source"/> on <paramref name="scheduler"/> and streams its samples.</summary>
    /// <param name="source">The source.</param>
    /// <param name="scheduler">The scheduler that supplies the clock and runs the polls.</param>
    /// <param name="options">Interval and back-off; validated here.</param>
    /// <param name="failureListener">Receives a report for every failed poll and every invalid sample.</param>
    /// <returns>A cold stream: each subscription runs its own poll loop; it never completes and never errors.</returns>
    /// <remarks>
    /// <para>
    /// One timer per subscription, re-armed after each poll. Each sample carries the poll's scheduler time.
    /// A poll that throws, or writes a non-finite value ("garbage"), is reported to
    /// <paramref name="failureListener"/> and the next poll is delayed by the back-off (doubling from
    /// <see cref="SourcePollingOptions.InitialBackoff"/> up to <see cref="SourcePollingOptions.MaxBackoff"/>);
    /// the first good poll restores the normal interval. Non-finite samples are dropped; finite samples of the
    /// same poll are delivered.
    /// </para>
    /// <para>Polls run on <paramref name="scheduler"/>: /proc reads are fast, but a database probe blocks for the
    /// query's duration, so give slow sources a scheduler of their own (e.g. an <c>EventLoopScheduler</c>).</para>
    /// </remarks>
    public static IObservable<MetricSample> ToObservable(
        this IMetricSource source,
        IScheduler scheduler,
        SourcePollingOptions options,
        IFailureListener failureListener)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(failureListener);
        options.ThrowIfInvalid(SourcePollingOptions.Section);

        // A private copy: later changes to the caller's options do not reach running subscriptions.
        var frozen = options.Clone();
        return Observable.Create<MetricSample>(observer =>
        {
            var poller = new SourcePoller(source, scheduler, frozen, failureListener, observer);
            poller.Start();
            return poller;
        });
    }

    /// <summary>Polls every source on its own timer and merges their samples into one stream.</summary>
    /// <param name="sources">The sources.</param>
    /// <param name="scheduler">The scheduler that supplies the clock and runs the polls.</param>
    /// <param name="options">Interval and back-off, shared by all sources.</param>
    /// <param name="failureListener">Receives every failure report.</param>
    /// <returns>The merged stream; a failing source is retried with back-off and never stops the others.</returns>
    /// <remarks>Delivery is serialized: the merged observer is never called concurrently.</remarks>
    public static IObservable<MetricSample> PollAll(
        this IEnumerable<IMetricSource> sources,
        IScheduler scheduler,
        SourcePollingOptions options,
        IFailureListener failureListener)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var streams = sources.Select(s => s.ToObservable(scheduler, options, failureListener)).ToArray();
        return streams.Merge();
    }
}
