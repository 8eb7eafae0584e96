using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;

namespace AlphaTrade.RxMonitor.Sqlite.Tests.Support;

/// <summary>A receiver that refuses every notification while it is down and counts the ones it accepted.</summary>
/// <param name="name">The sink's name.</param>
internal sealed class OutageSink(string name) : IAlertSink
{
    private int _accepted;

    public string Name { get; } = name;

    public bool Down { get; set; }

    public int Accepted => Volatile.Read(ref _accepted);

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new HttpRequestException("receiver answered 500");
        }

        Interlocked.Increment(ref _accepted);
        return ValueTask.CompletedTask;
    }
}
