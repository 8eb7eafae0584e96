using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Examples.Worker;

/// <summary>Simulates a work queue and records its depth once a second through the registered <see cref="MetricIngest"/>.</summary>
internal sealed class QueueWorker(MetricIngest ingest) : BackgroundService
{
    // Created once: Record on the hot path allocates nothing.
    private static readonly SeriesKey QueueDepth = SeriesKey.Create("worker_queue_depth", new Label("queue", "orders"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var depth = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            depth = (depth + 7) % 100;
            ingest.Record(QueueDepth, depth);
        }
    }
}
