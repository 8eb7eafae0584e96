using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// The ingest's table of live series, indexed by <see cref="SeriesKey.Id"/>: each series' watermark (the time of
/// its newest delivered sample) and its writer (the one ring that writes it, or <see cref="Shared"/> once a second
/// ring has), the live count capped by <see cref="IngestOptions.MaxSeries"/>, and eviction of series idle for
/// <see cref="IngestOptions.SeriesIdleAfter"/>.
/// </summary>
/// <remarks>
/// Touched only by the consumer (the drain). An entry holds no reference to its key, so it keeps nothing alive;
/// it stores the key's <see cref="SeriesKey.Stamp"/> to tell its own key from a later key that reuses the id.
/// A series stays shared once two rings wrote it, until it is evicted. Counters are read from any thread.
/// </remarks>
internal sealed class IngestSeriesTable(int maxSeries, TimeSpan idleAfter)
{
    /// <summary>The writer of a series written by more than one ring: its samples are merged by timestamp.</summary>
    public const int Shared = -1;

    private const long Free = 0;

    // The watermark of an entry claimed before its first sample was delivered: admits any time, never idle.
    private const long Unseen = long.MinValue;
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

    /// <summary>
    /// Whether the sample may be delivered: at or after its series' watermark (which it then advances), and its series
    /// live or admitted. A series <paramref name="writer"/> does not own becomes <see cref="Shared"/>.
    /// </summary>
    /// <param name="sample">The sample.</param>
    /// <param name="writer">The ordinal of the ring it came from.</param>
    /// <returns><see langword="false"/> when it is late or its series is rejected (both counted).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Admit(in MetricSample sample, int writer)
    {
        var key = sample.Key;
        var id = key.Id;
        var entries = _entries;
        if ((uint)id >= (uint)entries.Length || entries[id].Stamp != key.Stamp)
        {
            return AdmitNewSeries(in sample, writer);
        }

        ref var entry = ref entries[id];
        if (entry.Writer != writer)
        {
            entry.Writer = Shared;
        }

        return AdvanceWatermark(ref entry, sample.TimestampTicks);
    }

    /// <summary>
    /// The writer of the sample's series, or <see cref="Shared"/>; a sample of a series <paramref name="writer"/> owns
    /// (or of a new series, which it then owns) is admitted as <see cref="Admit"/> does, a shared series' sample is
    /// left for the merge, untouched.
    /// </summary>
    /// <param name="sample">The sample.</param>
    /// <param name="writer">The ordinal of the ring it came from.</param>
    /// <param name="admitted">For a sample not shared: whether it may be delivered.</param>
    /// <returns>Whether the sample's series is shared.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TakeOwn(in MetricSample sample, int writer, out bool admitted)
    {
        var key = sample.Key;
        var id = key.Id;
        var entries = _entries;
        if ((uint)id >= (uint)entries.Length || entries[id].Stamp != key.Stamp)
        {
            admitted = AdmitNewSeries(in sample, writer);
            return false;
        }

        ref var entry = ref entries[id];
        if (entry.Writer != writer)
        {
            admitted = false;
            return true;
        }

        admitted = AdvanceWatermark(ref entry, sample.TimestampTicks);
        return false;
    }

    /// <summary>
    /// Before a drain of several rings delivers anything: notes that <paramref name="writer"/> writes the sample's
    /// series, making it <see cref="Shared"/> when another ring does, and claims a new series for it (within the cap)
    /// so that a series two rings write for the first time in one drain is merged from its first sample on.
    /// </summary>
    /// <param name="sample">The sample.</param>
    /// <param name="writer">The ordinal of the ring it came from.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void NoteWriter(in MetricSample sample, int writer)
    {
        var key = sample.Key;
        var id = key.Id;
        var entries = _entries;
        if ((uint)id < (uint)entries.Length && entries[id].Stamp == key.Stamp)
        {
            ref var writerOf = ref entries[id].Writer;
            if (writerOf != writer)
            {
                writerOf = Shared;
            }

            return;
        }

        ClaimNewSeries(key, writer);
    }

    /// <summary>Evicts the series whose newest sample is older than the idle period before <paramref name="nowTicks"/>.</summary>
    /// <param name="nowTicks">The pipeline clock's now.</param>
    public void EvictIdle(long nowTicks)
    {
        var oldest = nowTicks - _idleTicks;
        var entries = _entries;
        for (var id = 0; id < entries.Length; id++)
        {
            if (entries[id].Stamp != Free && entries[id].Newest < oldest && entries[id].Newest != Unseen)
            {
                entries[id].Stamp = Free;
                Volatile.Write(ref _live, _live - 1);
                Volatile.Write(ref _evicted, _evicted + 1);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool AdvanceWatermark(ref Entry entry, long ticks)
    {
        if (ticks < entry.Newest)
        {
            CountLate(entry.Newest - ticks);
            return false;
        }

        entry.Newest = ticks;
        return true;
    }

    private void CountLate(long behindTicks)
    {
        Volatile.Write(ref _late, _late + 1);
        if (behindTicks > _lateMaxBehindTicks)
        {
            Volatile.Write(ref _lateMaxBehindTicks, behindTicks);
        }
    }

    private bool AdmitNewSeries(in MetricSample sample, int writer)
    {
        if (!ClaimNewSeries(sample.Key, writer))
        {
            Volatile.Write(ref _rejected, _rejected + 1);
            return false;
        }

        _entries[sample.Key.Id].Newest = sample.TimestampTicks;
        return true;
    }

    /// <summary>Gives the key an entry owned by <paramref name="writer"/>, unless the cap is reached (not counted here).</summary>
    private bool ClaimNewSeries(SeriesKey key, int writer)
    {
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
                return false;
            }

            Volatile.Write(ref _live, _live + 1);
        }

        entry.Stamp = key.Stamp;
        entry.Newest = Unseen;
        entry.Writer = writer;
        return true;
    }

    private void Grow(int id)
    {
        var length = Math.Max(id + 1, Math.Max(256, _entries.Length * 2));
        Array.Resize(ref _entries, length);
    }

    /// <summary>
    /// A series' entry: its key's stamp (<see cref="Free"/> when none), its watermark and its writer, side by side so
    /// a check reads one cache line.
    /// </summary>
    private struct Entry
    {
        public long Stamp;
        public long Newest;
        public int Writer;
    }
}
