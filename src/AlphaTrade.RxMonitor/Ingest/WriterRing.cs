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
/// </remarks>
internal sealed class WriterRing
{
    private readonly MetricSample[] _slots;
    private readonly long _mask;
    private readonly IngestFullMode _fullMode;
    private const int CacheLine = 64;
    private Cursors _cursors;

    public WriterRing(int capacity, IngestFullMode fullMode, Thread owner)
    {
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _slots = new MetricSample[size];
        _mask = size - 1;
        _fullMode = fullMode;
        Owner = owner;
    }

    /// <summary>The writer thread; a ring whose owner has ended is retired once empty.</summary>
    public Thread Owner { get; }

    public long Count => Math.Max(0, Volatile.Read(ref _cursors.Head) - Volatile.Read(ref _cursors.Tail));

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
        var head = cursors.Head;
        if (head - cursors.CachedTail >= _slots.Length)
        {
            // Looks full by the producer's cached view: only now read the consumer's cache line.
            cursors.CachedTail = Volatile.Read(ref cursors.Tail);
            while (head - cursors.CachedTail >= _slots.Length)
            {
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

        _slots[head & _mask] = sample;
        Volatile.Write(ref cursors.Head, head + 1);
        return true;
    }

    /// <summary>Consumer side: hand up to <paramref name="max"/> queued samples to <paramref name="deliver"/>.</summary>
    public int Drain<TDeliver>(ref TDeliver deliver, int max)
        where TDeliver : struct, ISampleDelivery
    {
        while (true)
        {
            var tail = Volatile.Read(ref _cursors.Tail);
            var available = (int)Math.Min(Volatile.Read(ref _cursors.Head) - tail, max);
            if (available <= 0)
            {
                return 0;
            }

            if (_fullMode != IngestFullMode.DropOldest)
            {
                // Only this thread moves the tail: deliver in place (one or two runs around the wrap), then release the slots.
                var start = (int)(tail & _mask);
                var first = Math.Min(available, _slots.Length - start);
                deliver.Deliver(_slots.AsSpan(start, first));
                if (first < available)
                {
                    deliver.Deliver(_slots.AsSpan(0, available - first));
                }

                Volatile.Write(ref _cursors.Tail, tail + available);
                return available;
            }

            // The producer may evict concurrently: copy, claim, and deliver only what was claimed.
            var batch = deliver.Scratch(available);
            for (var i = 0; i < available; i++)
            {
                batch[i] = _slots[(tail + i) & _mask];
            }

            if (Interlocked.CompareExchange(ref _cursors.Tail, tail + available, tail) == tail)
            {
                deliver.Deliver(batch);
                return available;
            }
        }
    }

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
