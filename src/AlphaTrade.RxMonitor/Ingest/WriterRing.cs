using System.Runtime.InteropServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// A bounded single-producer single-consumer ring of samples: one per writer thread. It starts small and grows
/// (four times at a step, up to its capacity) when its writer fills it, so a thread that writes now and then costs
/// a few KiB and a hot writer ends with its full ring.
/// </summary>
/// <remarks>
/// <para>
/// The producer publishes with a release store of the head; the consumer copies a batch and then claims it
/// with one compare-and-swap of the tail. In drop-oldest mode the producer may also advance the tail
/// (evicting the oldest sample) with a compare-and-swap: whichever side wins a slot owns it, and a consumer
/// whose claim fails discards its copy and retries, so an evicted sample is never delivered half-written.
/// The consumer looks at a queued run (<see cref="Peek"/>) and releases what it consumed (<see cref="Release"/>),
/// so a merge of several rings can stop part-way through one.
/// </para>
/// <para>
/// Growth is the producer's: on a full ring below its capacity it copies the queued samples into a larger array
/// and publishes it before it publishes any sample written there, so a consumer that reads the head and then the
/// slots always finds every sample below that head. The old array is never written again, so a run the consumer
/// is reading in place stays valid. A ring only evicts at its full capacity, once it no longer grows.
/// </para>
/// </remarks>
internal sealed class WriterRing
{
    /// <summary>The slots a new ring starts with (at most its capacity): 256 samples, 6 KiB.</summary>
    public const int InitialSlots = 256;

    private const int CacheLine = 64;
    private const int GrowthFactor = 4;
    private readonly int _capacity;
    private readonly int _maxBatch;
    private readonly IngestFullMode _fullMode;
    private MetricSample[]? _staging;
    private MetricSample[] _slots;
    private Cursors _cursors;

    public WriterRing(object ingest, int ordinal, int capacity, int maxBatch, IngestFullMode fullMode, Thread owner)
    {
        Ordinal = ordinal;
        _capacity = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new MetricSample[Math.Min(InitialSlots, _capacity)];
        _maxBatch = maxBatch;
        _fullMode = fullMode;
        Ingest = ingest;
        Owner = owner;
    }

    /// <summary>The ingest this ring belongs to: a thread keeps one ring per ingest it writes to.</summary>
    public object Ingest { get; }

    /// <summary>The ring's number within its ingest, never reused there (positive for a live ring): the writer of the series it writes.</summary>
    public int Ordinal { get; }

    /// <summary>The writer thread; a ring whose owner has ended is retired once empty.</summary>
    public Thread Owner { get; }

    /// <summary>Whether <see cref="Close"/> was called (its ingest was disposed).</summary>
    public bool IsClosed => Volatile.Read(ref _slots).Length == 0;

    /// <summary>The slots the ring holds now (it grows up to its capacity when its writer fills it).</summary>
    public int Slots => Volatile.Read(ref _slots).Length;

    /// <summary>Samples queued and not yet consumed (a claimed copy's rest included); safe from any thread.</summary>
    public long Count => Math.Max(0, Volatile.Read(ref _cursors.Head) - Volatile.Read(ref _cursors.Tail)) + _cursors.StagedCount;

    /// <summary>Samples queued so far (each accepted write advances the head once).</summary>
    public long Accepted => Volatile.Read(ref _cursors.Head);

    /// <summary>Samples dropped by a full queue (the newest, or the oldest evicted).</summary>
    public long Dropped => Volatile.Read(ref _cursors.Dropped);

    /// <summary>Samples refused in <see cref="IngestFullMode.Reject"/> mode.</summary>
    public long Rejected => Volatile.Read(ref _cursors.Rejected);

    /// <summary>Samples refused because their value was NaN or infinite.</summary>
    public long Invalid => Volatile.Read(ref _cursors.Invalid);

    /// <summary>Producer side: count a sample refused for its value.</summary>
    public void CountInvalid() => Volatile.Write(ref _cursors.Invalid, _cursors.Invalid + 1);

    /// <summary>Producer side: queue one sample. Returns whether it was queued.</summary>
    public bool TryWrite(in MetricSample sample)
    {
        ref var cursors = ref _cursors;
        var slots = _slots;
        var head = cursors.Head;
        if (head - cursors.CachedTail >= slots.Length)
        {
            // Looks full by the producer's cached view: only now read the consumer's cache line.
            cursors.CachedTail = Volatile.Read(ref cursors.Tail);
            if (head - cursors.CachedTail >= slots.Length && slots.Length is > 0 && slots.Length < _capacity)
            {
                slots = Grow(slots, cursors.CachedTail, head);
            }

            while (head - cursors.CachedTail >= slots.Length)
            {
                if (slots.Length == 0)
                {
                    // Closed: the ingest was disposed.
                    Volatile.Write(ref cursors.Dropped, cursors.Dropped + 1);
                    return false;
                }

                switch (_fullMode)
                {
                    case IngestFullMode.DropOldest:
                        var tail = cursors.CachedTail;
                        if (Interlocked.CompareExchange(ref cursors.Tail, tail + 1, tail) == tail)
                        {
                            Volatile.Write(ref cursors.Dropped, cursors.Dropped + 1);
                        }

                        cursors.CachedTail = Volatile.Read(ref cursors.Tail);
                        break;
                    case IngestFullMode.Reject:
                        Volatile.Write(ref cursors.Rejected, cursors.Rejected + 1);
                        return false;
                    default:
                        Volatile.Write(ref cursors.Dropped, cursors.Dropped + 1);
                        return false;
                }
            }
        }

        slots[head & (slots.Length - 1)] = sample;
        Volatile.Write(ref cursors.Head, head + 1);
        return true;
    }

    /// <summary>
    /// Consumer side: the queued run, up to <paramref name="max"/> samples, left queued until <see cref="Release"/>;
    /// whether more is queued behind it is <see cref="Count"/> against the run's length, asked when it matters.
    /// </summary>
    /// <param name="max">The most samples to look at.</param>
    /// <returns>The run: in place (one or two spans around the wrap), or a claimed copy in drop-oldest mode.</returns>
    public RingRun Peek(int max)
    {
        ref var cursors = ref _cursors;
        if (cursors.StagedCount > 0)
        {
            // A claimed copy not yet fully delivered: finish it before looking at the ring again.
            return new RingRun(_staging!, cursors.StagedStart, Math.Min(cursors.StagedCount, max), 0);
        }

        // The head before the slots: every sample below the head read is in the slots read after it (a grown ring
        // publishes its new array before any sample written there). A ring closed by its ingest's Dispose while the
        // consumer drains has no slots, and is empty.
        while (true)
        {
            var head = Volatile.Read(ref cursors.Head);
            var slots = Volatile.Read(ref _slots);
            var tail = Volatile.Read(ref cursors.Tail);
            var queued = head - tail;
            var available = (int)Math.Min(queued, max);
            if (available <= 0 || slots.Length == 0)
            {
                return default;
            }

            var mask = slots.Length - 1;
            if (_fullMode != IngestFullMode.DropOldest)
            {
                // Only this thread moves the tail: the run is read in place and released after delivery.
                var start = (int)(tail & mask);
                var first = Math.Min(available, slots.Length - start);
                return new RingRun(slots, start, first, available - first);
            }

            // The producer may evict concurrently: copy, claim, and keep only what was claimed (else look again).
            var staging = StagingFor(slots);
            var count = Math.Min(available, staging.Length);
            for (var i = 0; i < count; i++)
            {
                staging[i] = slots[(tail + i) & mask];
            }

            if (Interlocked.CompareExchange(ref cursors.Tail, tail + count, tail) == tail)
            {
                cursors.StagedStart = 0;
                cursors.StagedCount = count;
                return new RingRun(staging, 0, count, 0);
            }
        }
    }

    /// <summary>Consumer side: the first <paramref name="count"/> samples of the last <see cref="Peek"/> are consumed.</summary>
    /// <param name="count">How many were consumed (delivered or dropped as late).</param>
    public void Release(int count)
    {
        if (count == 0)
        {
            return;
        }

        ref var cursors = ref _cursors;
        if (_fullMode == IngestFullMode.DropOldest)
        {
            cursors.StagedStart += count;
            cursors.StagedCount -= count;
            return;
        }

        Volatile.Write(ref cursors.Tail, cursors.Tail + count);
    }

    /// <summary>Drops the slots so a closed ring holds no memory; later writes are refused and counted as dropped.</summary>
    public void Close() => Volatile.Write(ref _slots, []);

    /// <summary>
    /// Producer side, on a full ring below its capacity: copies the queued samples into a larger array and publishes
    /// it. Returns the array to write to: the larger one, the old one when memory ran out, or the empty one of a ring
    /// closed meanwhile.
    /// </summary>
    private MetricSample[] Grow(MetricSample[] slots, long tail, long head)
    {
        MetricSample[] larger;
        try
        {
            larger = new MetricSample[Math.Min(_capacity, slots.Length * GrowthFactor)];
        }
        catch (OutOfMemoryException)
        {
            // A write never throws: the ring stays at its size and the full mode applies.
            return slots;
        }

        var oldMask = slots.Length - 1;
        var newMask = larger.Length - 1;
        for (var position = tail; position < head; position++)
        {
            larger[position & newMask] = slots[position & oldMask];
        }

        var seen = Interlocked.CompareExchange(ref _slots, larger, slots);
        return ReferenceEquals(seen, slots) ? larger : seen;
    }

    /// <summary>Consumer side: the drop-oldest copy buffer, as large as a batch or the ring, whichever is smaller.</summary>
    private MetricSample[] StagingFor(MetricSample[] slots)
    {
        var length = Math.Min(_maxBatch, slots.Length);
        if (_staging is null || _staging.Length < length)
        {
            _staging = new MetricSample[length];
        }

        return _staging;
    }

    /// <summary>
    /// The producer's fields (head, its cached view of the tail, its counters) and the consumer's (the tail, the
    /// claimed copy's bounds) on cache lines of their own, so neither side's writes invalidate the line the other
    /// side keeps reading.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 4 * CacheLine)]
    private struct Cursors
    {
        [FieldOffset(CacheLine)]
        public long Head;

        [FieldOffset(CacheLine + 8)]
        public long CachedTail;

        [FieldOffset(CacheLine + 16)]
        public long Dropped;

        [FieldOffset(CacheLine + 24)]
        public long Rejected;

        [FieldOffset(CacheLine + 32)]
        public long Invalid;

        [FieldOffset(2 * CacheLine)]
        public long Tail;

        [FieldOffset((2 * CacheLine) + 8)]
        public int StagedStart;

        [FieldOffset((2 * CacheLine) + 12)]
        public int StagedCount;
    }
}
