using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Operators;
using AlphaTrade.RxMonitor.Sqlite.Writing;

namespace AlphaTrade.RxMonitor.Sqlite.Rollups;

/// <summary>
/// Aggregates samples per series and resolution in memory and hands each closed bucket to the store's writer.
/// </summary>
/// <remarks>
/// <para>State is one small object per series holding one accumulator per resolution (created with the
/// series); a sample updates them in place, so the per-sample path allocates nothing. Each accumulator also
/// feeds a quantile sketch (<see cref="DDSketch"/>, created with the series unless
/// <see cref="SqliteStoreOptions.RollupSketches"/> is off); closing a bucket serializes
/// the sketch into the store's sketch ring and clears it for the next bucket, so closing allocates nothing either
/// once the sketch's bucket arrays have grown.</para>
/// <para>A bucket closes when a later sample of its series opens the next bucket, when the event-time
/// watermark (the latest sample time seen) passes its end (checked every 10 s of event time), when the
/// store's time provider passes its end (a sweep every 10 s, for series that went quiet), and on completion
/// or disposal (partial buckets). A bucket closed early and re-opened by a later sample is stored twice and
/// merged when read or compacted (count and sum add up, min/max combine, sketches merge). A sample older than its series' current bucket at a resolution is
/// dropped there and counted as late; NaN and infinite values are dropped and counted as invalid.</para>
/// <para>OnNext and the clock sweep are serialized: the sweep runs on the scheduler that delivers the samples
/// (the pipeline's ingest loop), so no lock is taken per sample. A series whose buckets are all closed by a sweep
/// is forgotten (its state and sketches freed) and re-created by its next sample, so series that come and go do
/// not accumulate.</para>
/// </remarks>
internal sealed class RollupWriter : IObserver<MetricSample>, IDisposable
{
    private static readonly long SweepTicks = RollupResolutions.WidthTicks(RollupResolution.TenSeconds);
    private readonly SqliteStore _store;
    private readonly IScheduler _scheduler;
    private readonly Dictionary<SeriesKey, SeriesRollup> _series = [];
    private readonly IDisposable _sweepTimer;
    private long _nextSweepTicks = long.MinValue;
    private bool _stopped;

    public RollupWriter(SqliteStore store, IScheduler scheduler)
    {
        _store = store;
        _scheduler = scheduler;
        _sweepTimer = scheduler.SchedulePeriodic(this, TimeSpan.FromTicks(SweepTicks), static self => self.SweepByClock());
    }

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

        if (!_series.TryGetValue(value.Key, out var series))
        {
            series = new SeriesRollup(value.Key, _store.Options.RollupSketches);
            _series.Add(value.Key, series);
        }

        var late = false;
        for (var r = 0; r < RollupResolutions.Count; r++)
        {
            late |= !Add(series, r, ticks, sample);
        }

        if (late)
        {
            Interlocked.Increment(ref _store.Counters.LateSamples);
        }

        if (ticks >= _nextSweepTicks)
        {
            _nextSweepTicks = ticks - (ticks % SweepTicks) + SweepTicks;
            Sweep(ticks);
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
            Sweep(_scheduler.Now.UtcTicks);
        }
    }

    /// <summary>Closes every open bucket that ends at or before <paramref name="ticks"/>, and forgets series left with none open.</summary>
    private void Sweep(long ticks)
    {
        foreach (var (key, series) in _series)
        {
            var open = false;
            for (var r = 0; r < RollupResolutions.Count; r++)
            {
                ref var bucket = ref series.Buckets[r];
                if (bucket.Count > 0 && (ticks == long.MaxValue || bucket.Start + RollupResolutions.WidthTicks((RollupResolution)r) <= ticks))
                {
                    Close(series.Key, r, ref bucket);
                }

                open |= bucket.Count > 0;
            }

            if (!open)
            {
                // Removing the current entry while enumerating is allowed for Dictionary.
                _series.Remove(key);
            }
        }
    }

    /// <summary>Adds a sample to one resolution; false when it is late for that resolution.</summary>
    private bool Add(SeriesRollup series, int resolution, long ticks, double value)
    {
        ref var bucket = ref series.Buckets[resolution];
        var start = ticks - (ticks % RollupResolutions.WidthTicks((RollupResolution)resolution));
        if (start < bucket.Start)
        {
            return false;
        }

        if (start > bucket.Start && bucket.Count > 0)
        {
            Close(series.Key, resolution, ref bucket);
        }

        if (bucket.Count == 0)
        {
            bucket.Start = start;
            bucket.Sum = 0;
            bucket.Min = value;
            bucket.Max = value;
        }

        bucket.Count++;
        bucket.Sum += value;
        bucket.Min = Math.Min(bucket.Min, value);
        bucket.Max = Math.Max(bucket.Max, value);
        bucket.Last = value;
        bucket.Sketch?.Add(value);
        return true;
    }

    private void Close(SeriesKey key, int resolution, ref Bucket bucket)
    {
        _store.TryWriteRollup(key, (RollupResolution)resolution, StoreWriter.ToUnixSeconds(bucket.Start), bucket.Count, bucket.Sum, bucket.Min, bucket.Max, bucket.Last, bucket.Sketch);
        bucket.Sketch?.Clear();
        bucket.Count = 0;
    }

    private struct Bucket
    {
        public long Start;
        public long Count;
        public double Sum;
        public double Min;
        public double Max;
        public double Last;
        public DDSketch? Sketch;
    }

    private sealed class SeriesRollup
    {
        public SeriesRollup(SeriesKey key, bool sketches)
        {
            Key = key;
            for (var r = 0; r < Buckets.Length; r++)
            {
                Buckets[r].Start = long.MinValue;
                Buckets[r].Sketch = sketches ? new DDSketch() : null;
            }
        }

        public SeriesKey Key { get; }

        public Bucket[] Buckets { get; } = new Bucket[RollupResolutions.Count];
    }
}
