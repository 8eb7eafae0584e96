using System.Threading.Channels;

namespace AlphaTrade.RxMonitor.Hosting.Http;

/// <summary>The bounded queue between one event-stream client's producer and its socket: when full, the oldest event is dropped and counted.</summary>
/// <remarks>Writes never block nor wait for the client, so a slow client loses only its own oldest events.</remarks>
internal sealed class EventQueue
{
    private readonly Channel<ServerSentEvent> _channel;
    private long _dropped;

    public EventQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _channel = Channel.CreateBounded<ServerSentEvent>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>How many events were dropped because the client did not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public ChannelReader<ServerSentEvent> Reader => _channel.Reader;

    /// <summary>Queues an event, dropping the oldest queued one when full.</summary>
    public void Write(ServerSentEvent e) => _channel.Writer.TryWrite(e);

    /// <summary>Ends the queue; the reader sees the events queued so far, then completion.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
