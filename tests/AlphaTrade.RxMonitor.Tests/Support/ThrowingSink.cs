using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A sink that throws on every call.</summary>
internal sealed class ThrowingSink(string name = "throwing") : IAlertSink
{
    private int _calls;

    public string Name { get; } = name;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        throw new InvalidOperationException("sink is broken");
    }
}
