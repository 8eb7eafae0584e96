using System.Reactive.Disposables;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>Records polled <see cref="IMetricSource"/>s into a <see cref="MetricIngest"/>: the sources as producers.</summary>
public static class MetricSourceRecordingExtensions
{
    /// <summary>
    /// Makes sources producers: polls each source on its own timer of <paramref name="timeProvider"/> and writes
    /// its samples through <see cref="MetricIngest.Record(SeriesKey, long, double)"/> from the poll's thread, like
    /// any writer thread.
    /// </summary>
    /// <param name="sources">The sources.</param>
    /// <param name="ingest">The ingest the samples are recorded into.</param>
    /// <param name="timeProvider">The clock and the timers of the polls.</param>
    /// <param name="options">Interval and back-off, shared by all sources; validated here.</param>
    /// <param name="failureListener">Receives every failure report.</param>
    /// <returns>A handle that stops every source's polls when disposed.</returns>
    /// <remarks>
    /// Every poll (the first one too) runs on a timer callback — a thread-pool thread for the system clock, the
    /// scheduler in virtual time — never on the caller's thread or on the ingest loop, so a source that blocks (a
    /// hung mount, a slow database probe) delays only its own next poll: no other source's sample and no sample of
    /// a writer thread waits for it. A source's polls never overlap. Failures are isolated and retried as in
    /// <see cref="MetricSourceObservableExtensions.ToObservable"/>.
    /// </remarks>
    public static IDisposable RecordTo(
        this IEnumerable<IMetricSource> sources,
        MetricIngest ingest,
        TimeProvider timeProvider,
        SourcePollingOptions options,
        IFailureListener failureListener)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var scheduler = new PollTimerScheduler(timeProvider);
        var writer = new IngestRecordingObserver(ingest);
        var polls = new CompositeDisposable();
        foreach (var source in sources)
        {
            polls.Add(source.ToObservable(scheduler, options, failureListener).Subscribe(writer));
        }

        return polls;
    }
}
