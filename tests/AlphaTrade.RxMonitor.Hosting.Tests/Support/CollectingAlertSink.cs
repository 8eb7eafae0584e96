using AlphaTrade.RxMonitor.Alerting;
using AlphaTrade.RxMonitor.Alerting.Receivers;
namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>Collects notifications and completes <see cref="FirstFiring"/> with the first firing alert of one alert name.</summary>
internal sealed class CollectingAlertSink(string alertName) : IAlertSink
{
    private readonly TaskCompletionSource<Alert> _firing = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "collecting";

    public Task<Alert> FirstFiring => _firing.Task;

    public ValueTask SendAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        foreach (var alert in notification.Alerts)
        {
            if (alert.State == Metrics.AlertState.Firing && alert.RuleName == alertName)
            {
                _firing.TrySetResult(alert);
            }
        }

        return ValueTask.CompletedTask;
    }
}
