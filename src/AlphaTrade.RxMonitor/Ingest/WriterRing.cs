using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>
/// A bounded single-producer single-consumer ring of samples: one per writer thread.
/// </summary>
/// <remarks>
/// The producer publishes with a release store of <c>_head</c>; the consumer copies a batch and then claims it
/// with one compare-and-swap of <c>_tail</c>. In drop-oldest mode the producer may also advance <c>_tail</c>
/// (evicting the oldest sample) with a compare-and-swap: whichever side wins a slot owns it, and a consumer
/// whose claim fails discards its copy and retries, so an evicted sample is never delivered half-written.
/// </remarks>
internal sealed class WriterRing
{
    private readonly MetricSample[] _slots;
    private readonly long _mask;
    private readonly IngestFullMode _fullMode;
    private long _head;
    private long _tail;
    private long _dropped;
    private long _rejected;
    private long _invalid;

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

    public long Count => Math.Max(0, Volatile.Read(ref _head) - Volatile.Read(ref _tail));

    /// <summary>Samples queued so far (each accepted write advances the head once).</summary>
    public long Accepted => Volatile.Read(ref _head);

    /// <summary>Samples dropped by a full queue (the newest, or the oldest evicted).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Samples refused in <see cref="IngestFullMode.Reject"/> mode.</summary>
    public long Rejected => Volatile.Read(ref _rejected);

    /// <summary>Samples refused because their value was NaN or infinite.</summary>
    public long Invalid => Volatile.Read(ref _invalid);

    /// <summary>Producer side: count a sample refused for its value.</summary>
    public void CountInvalid() => Volatile.Write(ref _invalid, _invalid + 1);

    /// <summary>Producer side: queue one sample. Returns whether it was queued.</summary>
    public bool TryWrite(in MetricSample sample)
    {
        var head = _head;
        while (head - Volatile.Read(ref _tail) >= _slots.Length)
        {
            switch (_fullMode)
            {
                case IngestFullMode.DropOldest:
                    var tail = Volatile.Read(ref _tail);
                    if (head - tail >= _slots.Length && Interlocked.CompareExchange(ref _tail, tail + 1, tail) == tail)
                    {
                        Volatile.Write(ref _dropped, _dropped + 1);
                    }

                    break;
                case IngestFullMode.Reject:
                    Volatile.Write(ref _rejected, _rejected + 1);
                    return false;
                default:
                    Volatile.Write(ref _dropped, _dropped + 1);
                    return false;
            }
        }

        _slots[head & _mask] = sample;
        Volatile.Write(ref _head, head + 1);
        return true;
    }

    /// <summary>Consumer side: hand up to <paramref name="max"/> queued samples to <paramref name="deliver"/>.</summary>
    public int Drain<TDeliver>(ref TDeliver deliver, int max)
        where TDeliver : struct, ISampleDelivery
    {
        while (true)
        {
            var tail = Volatile.Read(ref _tail);
            var available = (int)Math.Min(Volatile.Read(ref _head) - tail, max);
            if (available <= 0)
            {
                return 0;
            }

            if (_fullMode != IngestFullMode.DropOldest)
            {
                // Only this thread moves the tail: deliver in place, then release the slots.
                for (var i = 0; i < available; i++)
                {
                    deliver.Deliver(_slots[(tail + i) & _mask]);
                }

                Volatile.Write(ref _tail, tail + available);
                return available;
            }

            // The producer may evict concurrently: copy, claim, and deliver only what was claimed.
            var batch = deliver.Scratch(available);
            for (var i = 0; i < available; i++)
            {
                batch[i] = _slots[(tail + i) & _mask];
            }

            if (Interlocked.CompareExchange(ref _tail, tail + available, tail) == tail)
            {
                for (var i = 0; i < available; i++)
                {
                    deliver.Deliver(batch[i]);
                }

                return available;
            }
        }
    }
}
