using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// The ingest's table of live series, indexed by <see cref="SeriesKey.Id"/>: each series' watermark (the time of
/// its newest delivered sample), the live count capped by <see cref="IngestOptions.MaxSeries"/>, and eviction of
/// series idle for <see cref="IngestOptions.SeriesIdleAfter"/>.
/// </summary>
/// <remarks>
/// Touched only by the consumer (the drain). An entry holds no reference to its key, so it keeps nothing alive;
/// it stores the key's <see cref="SeriesKey.Stamp"/> to tell its own key from a later key that reuses the id.
/// Counters are read from any thread.
/// </remarks>
internal sealed class IngestSeriesTable(int maxSeries, TimeSpan idleAfter)
{
    private const long Free = 0;
    private readonly long _idleTicks = idleAfter.Ticks;
    private Entry[] _entries = [];
    private int _live;
    private long _late;
    private long _lateMaxBehindTicks;
    private long _rejected;
    private long _evicted;

    /// <summary>Series with an entry (seen and not evicted).</summary>
    public int Live => Volatile.Read(ref _live);

    /// <summary>Samples dropped because they were older than their series' watermark.</summary>
    public long Late => Volatile.Read(ref _late);

    /// <summary>The most a late sample was older than its series' watermark, in ticks, since start.</summary>
    public long LateMaxBehindTicks => Volatile.Read(ref _lateMaxBehindTicks);

    /// <summary>Samples dropped because their series was new while <see cref="Live"/> was at the cap.</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Series evicted for being idle.</summary>
    public long Evicted => Volatile.Read(ref _evicted);

    /// <summary>Whether the sample may be delivered: at or after its series' watermark (which it then advances), and its series live or admitted.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Admit(in MetricSample sample)
    {
        var key = sample.Key;
        var id = key.Id;
        var entries = _entries;
        if ((uint)id >= (uint)entries.Length || entries[id].Stamp != key.Stamp)
        {
            return AdmitNewSeries(in sample);
        }

        ref var watermark = ref entries[id].Newest;
        if (sample.TimestampTicks < watermark)
        {
            CountLate(watermark - sample.TimestampTicks);
            return false;
        }

        watermark = sample.TimestampTicks;
        return true;
    }

    /// <summary>Evicts the series whose newest sample is older than the idle period before <paramref name="nowTicks"/>.</summary>
    /// <param name="nowTicks">The pipeline clock's now.</param>
    public void EvictIdle(long nowTicks)
    {
        var oldest = nowTicks - _idleTicks;
        var entries = _entries;
        for (var id = 0; id < entries.Length; id++)
        {
            if (entries[id].Stamp != Free && entries[id].Newest < oldest)
            {
                entries[id].Stamp = Free;
                Volatile.Write(ref _live, _live - 1);
                Volatile.Write(ref _evicted, _evicted + 1);
            }
        }
    }

    private void CountLate(long behindTicks)
    {
        Volatile.Write(ref _late, _late + 1);
        if (behindTicks > _lateMaxBehindTicks)
        {
            Volatile.Write(ref _lateMaxBehindTicks, behindTicks);
        }
    }

    private bool AdmitNewSeries(in MetricSample sample)
    {
        var key = sample.Key;
        var id = key.Id;
        if ((uint)id >= (uint)_entries.Length)
        {
            Grow(id);
        }

        // An entry left by a collected key whose id this key reuses is taken over: the live count stays.
        ref var entry = ref _entries[id];
        if (entry.Stamp == Free)
        {
            if (_live >= maxSeries)
            {
                Volatile.Write(ref _rejected, _rejected + 1);
                return false;
            }

            Volatile.Write(ref _live, _live + 1);
        }

        entry.Stamp = key.Stamp;
        entry.Newest = sample.TimestampTicks;
        return true;
    }

    private void Grow(int id)
    {
        var length = Math.Max(id + 1, Math.Max(256, _entries.Length * 2));
        Array.Resize(ref _entries, length);
    }

    /// <summary>A series' entry: its key's stamp (<see cref="Free"/> when none) and its watermark, side by side so a check reads one cache line.</summary>
    private struct Entry
    {
        public long Stamp;
        public long Newest;
    }
}
