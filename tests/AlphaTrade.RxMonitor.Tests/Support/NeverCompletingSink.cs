using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A sink whose calls never complete and ignore cancellation.</summary>
internal sealed class NeverCompletingSink(string name = "hanging") : IAlertSink
{
    private readonly TaskCompletionSource _never = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public string Name { get; } = name;

    public int Calls => Volatile.Read(ref _calls);

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return new ValueTask(_never.Task);
    }
}
