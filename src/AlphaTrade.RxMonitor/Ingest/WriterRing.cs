using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// A bounded single-producer single-consumer ring of samples: one per writer thread.
/// </summary>
/// <remarks>
/// The producer publishes with a release store of the head; the consumer copies a batch and then claims it
/// with one compare-and-swap of the tail. In drop-oldest mode the producer may also advance the tail
/// (evicting the oldest sample) with a compare-and-swap: whichever side wins a slot owns it, and a consumer
/// whose claim fails discards its copy and retries, so an evicted sample is never delivered half-written.
/// The consumer looks at a queued run (<see cref="Peek"/>) and releases what it consumed (<see cref="Release"/>),
/// so a merge of several rings can stop part-way through one.
/// </remarks>
internal sealed class WriterRing
{
    private const int CacheLine = 64;
    private readonly long _mask;
    private readonly IngestFullMode _fullMode;
    private readonly MetricSample[]? _staging;
    private MetricSample[] _slots;
    private int _stagedStart;
    private int _stagedCount;
    private Cursors _cursors;

    public WriterRing(object ingest, int capacity, int maxBatch, IngestFullMode fullMode, Thread owner)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new MetricSample[size];
        _mask = size - 1;
        _fullMode = fullMode;
        _staging = fullMode == IngestFullMode.DropOldest ? new MetricSample[Math.Min(maxBatch, size)] : null;
        Ingest = ingest;
        Owner = owner;
    }

    /// <summary>The ingest this ring belongs to: a thread keeps one ring per ingest it writes to.</summary>
    public object Ingest { get; }

    /// <summary>The writer thread; a ring whose owner has ended is retired once empty.</summary>
    public Thread Owner { get; }

    /// <summary>Whether <see cref="Close"/> was called (its ingest was disposed).</summary>
    public bool IsClosed => Volatile.Read(ref _slots).Length == 0;

    public long Count => Math.Max(0, Volatile.Read(ref _cursors.Head) - Volatile.Read(ref _cursors.Tail)) + _stagedCount;

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

        slots[head & _mask] = sample;
        Volatile.Write(ref cursors.Head, head + 1);
        return true;
    }

    /// <summary>
    /// Consumer side: the queued run, up to <paramref name="max"/> samples, left queued until <see cref="Release"/>.
    /// </summary>
    /// <param name="max">The most samples to look at.</param>
    /// <param name="more">Set when more samples were queued than <paramref name="max"/>.</param>
    /// <returns>The run: in place (one or two spans around the wrap), or a claimed copy in drop-oldest mode.</returns>
    public RingRun Peek(int max, out bool more)
    {
        if (_stagedCount > 0)
        {
            // A claimed copy not yet fully delivered: finish it before looking at the ring again.
            more = true;
            return new RingRun(_staging!, _stagedStart, Math.Min(_stagedCount, max), 0);
        }

        // Read once: a ring closed by its ingest's Dispose while the consumer drains has no slots, and is empty.
        var slots = Volatile.Read(ref _slots);
        var tail = Volatile.Read(ref _cursors.Tail);
        var queued = Volatile.Read(ref _cursors.Head) - tail;
        more = queued > max;
        var available = (int)Math.Min(queued, max);
        if (available <= 0 || slots.Length == 0)
        {
            more = false;
            return default;
        }

        if (_staging is null)
        {
            // Only this thread moves the tail: the run is read in place and released after delivery.
            var start = (int)(tail & _mask);
            var first = Math.Min(available, slots.Length - start);
            return new RingRun(slots, start, first, available - first);
        }

        // The producer may evict concurrently: copy, claim, and keep only what was claimed.
        while (true)
        {
            var count = Math.Min(available, _staging.Length);
            for (var i = 0; i < count; i++)
            {
                _staging[i] = slots[(tail + i) & _mask];
            }

            if (Interlocked.CompareExchange(ref _cursors.Tail, tail + count, tail) == tail)
            {
                _stagedStart = 0;
                _stagedCount = count;
                more |= count < available;
                return new RingRun(_staging, 0, count, 0);
            }

            tail = Volatile.Read(ref _cursors.Tail);
            available = (int)Math.Min(Volatile.Read(ref _cursors.Head) - tail, max);
            if (available <= 0)
            {
                more = false;
                return default;
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

        if (_staging is not null)
        {
            _stagedStart += count;
            _stagedCount -= count;
            return;
        }

        Volatile.Write(ref _cursors.Tail, _cursors.Tail + count);
    }

    /// <summary>Drops the slots so a closed ring holds no memory; later writes are refused and counted as dropped.</summary>
    public void Close() => Volatile.Write(ref _slots, []);

    /// <summary>
    /// The producer's fields (head, its cached view of the tail, its counters) and the consumer's tail on cache
    /// lines of their own, so neither side's writes invalidate the line the other side keeps reading.
    /// </summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit, Size = 3 * CacheLine)]
    private struct Cursors
    {
        [System.Runtime.InteropServices.FieldOffset(CacheLine)]
        public long Head;

        [System.Runtime.InteropServices.FieldOffset(CacheLine + 8)]
        public long CachedTail;

        [System.Runtime.InteropServices.FieldOffset(CacheLine + 16)]
        public long Dropped;

        [System.Runtime.InteropServices.FieldOffset(CacheLine + 24)]
        public long Rejected;

        [System.Runtime.InteropServices.FieldOffset(CacheLine + 32)]
        public long Invalid;

        [System.Runtime.InteropServices.FieldOffset(2 * CacheLine)]
        public long Tail;
    }
}
