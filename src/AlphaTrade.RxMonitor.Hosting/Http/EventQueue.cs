using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>
/// The bounded queue between one event-stream client's producer and its socket, bounded by events and by bytes: a write
/// that would exceed either bound drops the whole backlog (counted) and asks the producer for a fresh snapshot.
/// </summary>
/// <remarks>
/// Writes never block nor wait for the client, so a slow client loses only its own events, and never silently: the
/// events it missed are replaced by a <c>snapshot</c> (<see cref="TakeOverflow"/>), which makes its view whole again.
/// An event larger than the byte bound is still queued when the queue is empty, so a large snapshot gets through.
/// One producer writes; one consumer reads (<see cref="ReadAllAsync"/>).
/// </remarks>
internal sealed class EventQueue
{
    private readonly Channel<ServerSentEvent> _channel = Channel.CreateUnbounded<ServerSentEvent>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });

    private readonly int _capacity;
    private readonly long _maxBytes;
    private int _count;
    private long _bytes;
    private long _dropped;
    private int _overflowed;

    public EventQueue(int capacity, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _capacity = capacity;
        _maxBytes = maxBytes;
    }

    /// <summary>How many events were dropped because the client did not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The bytes the queued events hold.</summary>
    public long QueuedBytes => Interlocked.Read(ref _bytes);

    /// <summary>Queues an event; when it would exceed the count or byte bound, drops the backlog first and marks the overflow.</summary>
    public void Write(ServerSentEvent e)
    {
        var size = e.Bytes;
        if (Volatile.Read(ref _count) > 0 && (Volatile.Read(ref _count) >= _capacity || Interlocked.Read(ref _bytes) + size > _maxBytes))
        {
            while (_channel.Reader.TryRead(out var dropped))
            {
                Taken(dropped);
                Interlocked.Increment(ref _dropped);
            }

            Volatile.Write(ref _overflowed, 1);
        }

        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _bytes, size);
        _channel.Writer.TryWrite(e);
    }

    /// <summary>Whether events were dropped since the last call: the producer then sends a snapshot.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    /// <summary>The queued events in order, until <see cref="Complete"/> or cancellation.</summary>
    public async IAsyncEnumerable<ServerSentEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (_channel.Reader.TryRead(out var e))
            {
                Taken(e);
                yield return e;
            }
        }
    }

    /// <summary>Takes a queued event without waiting (false when none is queued).</summary>
    public bool TryRead(out ServerSentEvent e)
    {
        if (_channel.Reader.TryRead(out e))
        {
            Taken(e);
            return true;
        }

        return false;
    }

    /// <summary>Ends the queue; the reader sees the events queued so far, then completion.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void Taken(ServerSentEvent e)
    {
        Interlocked.Decrement(ref _count);
        Interlocked.Add(ref _bytes, -e.Bytes);
    }
}
