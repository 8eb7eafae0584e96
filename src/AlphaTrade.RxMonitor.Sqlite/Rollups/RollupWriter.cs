using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Analytics;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Writing;

namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>
/// Aggregates samples per series and resolution in memory and hands each closed bucket to the store's writer.
/// </summary>
/// <remarks>
/// <para>State is one entry per series in a <see cref="SeriesTable{TState}"/>, holding one
/// <see cref="TumblingWindow{TFigure}"/> per resolution (the one window kernel, created with the series) whose
/// figure counts, sums, keeps min, max and last and feeds a quantile sketch (<see cref="DDSketch"/>, unless
/// <see cref="SqliteStoreOptions.RollupSketches"/> is off); a sample updates them in place, so the per-sample path
/// allocates nothing. Closing a bucket serializes the sketch into the store's sketch ring and clears it for the
/// next bucket, so closing allocates nothing either once the sketch's bucket arrays have grown.</para>
/// <para>A bucket closes when a later sample of its series opens the next bucket, when a sweep finds it ended more
/// than <see cref="CloseDelay"/> ago — by the event-time watermark (the latest sample time seen, checked every 10 s
/// of event time) or by the store's clock (a sweep every 10 s, for series that went quiet) — and on completion or
/// disposal (partial buckets). A sample older than its series' open bucket, or of a bucket already closed, is
/// dropped there and counted as late (the window kernel's one lateness rule; the close delay leaves room for a
/// sample stamped just before a bucket's end to arrive after it); NaN and infinite values are dropped and counted as
/// invalid. A bucket written again after a restart is merged when read or compacted (count and sum add up, min/max
/// combine, sketches merge).</para>
/// <para>OnNext and the clock sweep are serialized: the sweep runs on the scheduler that delivers the samples
/// (the pipeline's ingest loop), so no lock is taken per sample. A series whose buckets are all closed by a sweep
/// is removed from the table (its state and sketches freed) and re-created by its next sample, so series that come
/// and go do not accumulate.</para>
/// </remarks>
internal sealed class RollupWriter : IObserver<MetricSample>, IDisposable
{
    private static readonly long SweepTicks = RollupResolutions.WidthTicks(RollupResolution.TenSeconds);
    private readonly SqliteStore _store;
    private readonly IScheduler _scheduler;
    private readonly SeriesTable<SeriesRollup> _series = new();
    private readonly IDisposable _sweepTimer;
    private long _nextSweepTicks = long.MinValue;
    private bool _stopped;

    public RollupWriter(SqliteStore store, IScheduler scheduler)
    {
        _store = store;
        _scheduler = scheduler;
        _sweepTimer = scheduler.SchedulePeriodic(this, TimeSpan.FromTicks(SweepTicks), static self => self.SweepByClock());
    }

    /// <summary>How long after its end a sweep leaves a bucket open for samples stamped before the end: one sweep period (10 s).</summary>
    public static TimeSpan CloseDelay { get; } = TimeSpan.FromTicks(SweepTicks);

    /// <summary>The series with roll-up state (an open bucket at some resolution).</summary>
    public int SeriesCount => _series.Count;

    public void OnNext(MetricSample value)
    {
        var sample = value.Value;
        if (!double.IsFinite(sample))
        {
            Interlocked.Increment(ref _store.Counters.InvalidSamples);
            return;
        }

        var ticks = value.TimestampTicks;
        if (_stopped)
        {
            return;
        }

        ref var slot = ref _series.GetOrAdd(value.Key, ticks, out var added);
        if (added)
        {
            slot = new SeriesRollup(value.Key, _store.Options.RollupSketches);
        }

        var series = slot;
        var late = false;
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            late |= !series.Windows[r].Add(ticks, sample, new BucketCloser(_store, series.Key, (RollupResolution)r));
        }

        if (late)
        {
            Interlocked.Increment(ref _store.Counters.LateSamples);
        }

        if (ticks >= _nextSweepTicks)
        {
            _nextSweepTicks = ticks - (ticks % SweepTicks) + SweepTicks;
            Sweep(ticks - SweepTicks);
        }
    }

    public void OnError(Exception error) => Stop();

    public void OnCompleted() => Stop();

    public void Dispose() => Stop();

    private void Stop()
    {
        _sweepTimer.Dispose();
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Sweep(long.MaxValue);
    }

    private void SweepByClock()
    {
        if (!_stopped)
        {
            Sweep(_scheduler.Now.UtcTicks - SweepTicks);
        }
    }

    /// <summary>Closes every open bucket that ends at or before <paramref name="ticks"/> (every one at <see cref="long.MaxValue"/>), and forgets series left with none open.</summary>
    private void Sweep(long ticks) => _series.RemoveWhere(static (key, series, _, sweep) => sweep.Writer.CloseEnded(series, sweep.Ticks), (Writer: this, Ticks: ticks));

    /// <summary>Closes the buckets of <paramref name="series"/> that end at or before <paramref name="ticks"/>; whether none is left open.</summary>
    private bool CloseEnded(SeriesRollup series, long ticks)
    {
        var open = false;
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            ref var window = ref series.Windows[r];
            var closer = new BucketCloser(_store, series.Key, (RollupResolution)r);
            if (ticks == long.MaxValue)
            {
                window.Close(closer);
            }
            else
            {
                window.CloseEnded(ticks, closer);
            }

            open |= window.IsOpen;
        }

        return !open;
    }

    /// <summary>Queues a closed bucket to the store's writer.</summary>
    private readonly struct BucketCloser(SqliteStore store, SeriesKey key, RollupResolution resolution) : ITumblingWindowObserver<RollupFigure>
    {
        public void OnClosed(long startTicks, long endTicks, ref RollupFigure figure) =>
            store.TryWriteRollup(key, resolution, StoreWriter.ToUnixSeconds(startTicks), figure.Count, figure.Sum, figure.Min, figure.Max, figure.Last, figure.Sketch);
    }

    private sealed class SeriesRollup
    {
        public SeriesRollup(SeriesKey key, bool sketches)
        {
            Key = key;
            for (var r = 0; r < Windows.Length; r++)
            {
                Windows[r] = new TumblingWindow<RollupFigure>(
                    TimeSpan.FromTicks(RollupResolutions.WidthTicks((RollupResolution)r)), new RollupFigure(sketches ? new DDSketch() : null));
            }
        }

        public SeriesKey Key { get; }

        public TumblingWindow<RollupFigure>[] Windows { get; } = new TumblingWindow<RollupFigure>[RollupResolutions.Count];
    }
}
