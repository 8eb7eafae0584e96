namespace AlphaTrade.RxMonitor.Benchmarks.HotPath;

/// <summary>
/// The latency floor: a bare single-producer single-consumer ring of sample sequence numbers and a bare consumer
/// thread that spins on it — no ingest, no rules, no subscribers. The consumer reports the arrival of every
/// sample the producer marked as a trigger.
/// </summary>
internal sealed class BareSpscRing : IDisposable
{
    private const int Capacity = 1 << 16;
    private readonly long[] _slots = new long[Capacity];
    private readonly Thread _consumer;
    private readonly Action<long> _onTrigger;
    private long _head;
    private long _tail;
    private volatile bool _stopping;

    public BareSpscRing(Action<long> onTrigger)
    {
        _onTrigger = onTrigger;
        _consumer = new Thread(Consume) { IsBackground = true, Name = "bare-consumer" };
        _consumer.Start();
    }

    /// <summary>Producer side: hands over one item (a trigger's index, or −1 for an ordinary sample); false when full.</summary>
    public bool TryWrite(long item)
    {
        var head = _head;
        if (head - Volatile.Read(ref _tail) >= Capacity)
        {
            return false;
        }

        _slots[head & (Capacity - 1)] = item;
        Volatile.Write(ref _head, head + 1);
        return true;
    }

    /// <summary>Spins until the consumer has taken everything written.</summary>
    public void WaitUntilDrained()
    {
        var spin = new SpinWait();
        while (Volatile.Read(ref _tail) < Volatile.Read(ref _head))
        {
            spin.SpinOnce(sleep1Threshold: -1);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _consumer.Join();
    }

    private void Consume()
    {
        while (!_stopping)
        {
            var tail = _tail;
            var head = Volatile.Read(ref _head);
            if (tail == head)
            {
                Thread.SpinWait(20);
                continue;
            }

            for (; tail < head; tail++)
            {
                var item = _slots[tail & (Capacity - 1)];
                if (item >= 0)
                {
                    _onTrigger(item);
                }
            }

            Volatile.Write(ref _tail, tail);
        }
    }
}
