using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>Where a drained ring hands its samples; a struct so the per-sample call is inlined, not virtual.</summary>
internal interface ISampleDelivery
{
    void Deliver(in MetricSample sample);

    /// <summary>A reusable buffer of at least <paramref name="length"/> samples for copy-then-claim draining.</summary>
    Span<MetricSample> Scratch(int length);
}
