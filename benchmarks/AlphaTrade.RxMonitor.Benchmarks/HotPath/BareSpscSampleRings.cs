using System.Runtime.InteropServices;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// The throughput floor: one bare single-producer single-consumer ring of samples per writer thread (64k slots, head
/// and tail on cache lines of their own, the producer reading the tail only when the ring looks full), drained in
/// turn by a bare consumer thread that sums the values — no merge, no watermark, no subscribers, no parking.
/// </summary>
internal sealed class BareSpscSampleRings : IDisposable
{
    private const int Capacity = 1 << 16;
    private readonly Ring[] _rings;
    private readonly Thread _consumer;
    private long _consumed;
    private volatile bool _stopping;

    public BareSpscSampleRings(int writers)
    {
        _rings = [.. Enumerable.Range(0, writers).Select(static _ => new Ring())];
        _consumer = new Thread(Consume) { IsBackground = true, Name = "bare-consumer" };
        _consumer.Start();
    }

    /// <summary>The sum of the values consumed, so the consumer's reads are not optimised away.</summary>
    public double Sum { get; private set; }

    /// <summary>Writes every sample to the writer's ring, backing off (spin, then yield) while it is full.</summary>
    public void WriteAll(int writer, MetricSample[] samples)
    {
        var ring = _rings[writer];
        foreach (var sample in samples)
        {
            var spin = default(SpinWait);
            while (!ring.TryWrite(sample))
            {
                spin.SpinOnce();
            }
        }
    }

    /// <summary>Waits until the consumer has taken <paramref name="total"/> samples since the rings were made.</summary>
    public void WaitUntilConsumed(long total)
    {
        var spin = default(SpinWait);
        while (Volatile.Read(ref _consumed) < total)
        {
            spin.SpinOnce();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _consumer.Join();
    }

    private void Consume()
    {
        var sum = 0.0;
        while (!_stopping)
        {
            var took = 0L;
            foreach (var ring in _rings)
            {
                took += ring.Drain(ref sum);
            }

            if (took == 0)
            {
                Thread.SpinWait(20);
                continue;
            }

            Volatile.Write(ref _consumed, _consumed + took);
        }

        Sum = sum;
    }

    private sealed class Ring
    {
        private readonly MetricSample[] _slots = new MetricSample[Capacity];
        private Cursors _cursors;

        public bool TryWrite(in MetricSample sample)
        {
            ref var cursors = ref _cursors;
            var head = cursors.Head;
            if (head - cursors.CachedTail >= Capacity)
            {
                cursors.CachedTail = Volatile.Read(ref cursors.Tail);
                if (head - cursors.CachedTail >= Capacity)
                {
                    return false;
                }
            }

            _slots[head & (Capacity - 1)] = sample;
            Volatile.Write(ref cursors.Head, head + 1);
            return true;
        }

        public long Drain(ref double sum)
        {
            ref var cursors = ref _cursors;
            var tail = cursors.Tail;
            var head = Volatile.Read(ref cursors.Head);
            for (var position = tail; position < head; position++)
            {
                sum += _slots[position & (Capacity - 1)].Value;
            }

            Volatile.Write(ref cursors.Tail, head);
            return head - tail;
        }

        [StructLayout(LayoutKind.Explicit, Size = 3 * 64)]
        private struct Cursors
        {
            [FieldOffset(64)]
            public long Head;

            [FieldOffset(72)]
            public long CachedTail;

            [FieldOffset(128)]
            public long Tail;
        }
    }
}
