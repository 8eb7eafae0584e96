using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A receiver that refuses every notification while it is down and keeps the ones it accepted.</summary>
/// <param name="name">The sink's name.</param>
internal sealed class OutageSink(string name = "outage") : IAlertSink
{
    private readonly Lock _gate = new();
    private readonly List<AlertNotification> _accepted = [];
    private int _attempts;

    public string Name { get; } = name;

    public bool Down { get; set; } = true;

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<AlertNotification> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _accepted];
            }
        }
    }

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (Down)
        {
            throw new HttpRequestException("receiver answered 500");
        }

        lock (_gate)
        {
            _accepted.Add(notification);
        }

        return ValueTask.CompletedTask;
    }
}
