using AlphaTrade.RxMonitor.Alerting.Receivers;
using AlphaTrade.RxMonitor.Exposition;
namespace AlphaTrade.RxMonitor.Hosting.Embedding;

/// <summary>Publishes the notifications each sink lost (dropped from its full queue, rejected by its open circuit, or given up after its retries) to <see cref="PipelineMetrics.SinkDropped"/>, as differences between readings.</summary>
/// <remarks>Called from one thread (the host's periodic tick).</remarks>
internal sealed class SinkDropCounter(PipelineMetrics metrics)
{
    private readonly Dictionary<string, long> _seen = new(StringComparer.Ordinal);

    public void Update(IReadOnlyList<SinkStatistics> statistics)
    {
        foreach (var sink in statistics)
        {
            var lost = sink.Dropped + sink.Rejected + sink.Failed;
            if (!_seen.TryGetValue(sink.Sink, out var previous))
            {
                metrics.DeclareSink(sink.Sink);
                previous = 0;
            }

            if (lost > previous)
            {
                metrics.SinkDropped(sink.Sink, lost - previous);
            }

            _seen[sink.Sink] = lost;
        }
    }
}
