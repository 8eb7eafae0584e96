using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// The ingest's live series, in the one per-series table (<see cref="SeriesTable{TState}"/>): each series' watermark
/// (the time of its newest delivered sample) and its writer (the one ring that writes it, or <see cref="Shared"/> once a second
/// ring has), the live count capped by <see cref="IngestOptions.MaxSeries"/>, and eviction of series idle for
/// <see cref="IngestOptions.SeriesIdleAfter"/>.
/// </summary>
/// <remarks>
/// Touched only by the consumer (the drain). An entry holds its key, as every stage's table does, until the series is
/// evicted. A series stays shared once two rings wrote it, until it is evicted. Counters are read from any thread.
/// </remarks>
internal sealed class IngestSeriesTable(int maxSeries, TimeSpan idleAfter)
{
    /// <summary>The writer of a series written by more than one ring: its samples are merged by timestamp.</summary>
    public const int Shared = -1;

    // The watermark of an entry claimed before its first sample was delivered: admits any time, never idle.
    private const long Unseen = long.MinValue;
    private readonly long _idleTicks = idleAfter.Ticks;
    private readonly SeriesTable<Entry> _table = new();
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
        ref var entry = ref _table.Touch(sample.Key, sample.TimestampTicks);
        if (Unsafe.IsNullRef(ref entry))
        {
            return AdmitNewSeries(in sample, writer);
        }

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
        ref var entry = ref _table.Touch(sample.Key, sample.TimestampTicks);
        if (Unsafe.IsNullRef(ref entry))
        {
            admitted = AdmitNewSeries(in sample, writer);
            return false;
        }

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
        ref var entry = ref _table.Touch(sample.Key, sample.TimestampTicks);
        if (Unsafe.IsNullRef(ref entry))
        {
            ClaimNewSeries(in sample, writer);
        }
        else if (entry.Writer != writer)
        {
            entry.Writer = Shared;
        }
    }

    /// <summary>Evicts the series whose newest sample is older than the idle period before <paramref name="nowTicks"/>.</summary>
    /// <param name="nowTicks">The pipeline clock's now.</param>
    public void EvictIdle(long nowTicks)
    {
        var evicted = _table.RemoveWhere(static (_, entry, _, oldest) => entry.Newest < oldest && entry.Newest != Unseen, nowTicks - _idleTicks);
        Volatile.Write(ref _live, _table.Count);
        Volatile.Write(ref _evicted, _evicted + evicted);
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
        ref var entry = ref ClaimNewSeries(in sample, writer);
        if (Unsafe.IsNullRef(ref entry))
        {
            Volatile.Write(ref _rejected, _rejected + 1);
            return false;
        }

        entry.Newest = sample.TimestampTicks;
        return true;
    }

    /// <summary>Gives the sample's series an entry owned by <paramref name="writer"/>, unless the cap is reached (a null reference; not counted here).</summary>
    private ref Entry ClaimNewSeries(in MetricSample sample, int writer)
    {
        if (_table.Count >= maxSeries)
        {
            return ref Unsafe.NullRef<Entry>();
        }

        ref var entry = ref _table.GetOrAdd(sample.Key, sample.TimestampTicks, out _);
        entry = new Entry { Newest = Unseen, Writer = writer };
        Volatile.Write(ref _live, _table.Count);
        return ref entry;
    }

    /// <summary>A series' watermark and writer.</summary>
    private struct Entry
    {
        public long Newest;
        public int Writer;
    }
}
