using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Ingest;

/// <summary>Where a drained ring hands its samples; a struct so the call is inlined, not virtual.</summary>
internal interface ISampleDelivery
{
    /// <summary>Hands over a run of queued samples, in order.</summary>
    /// <param name="samples">The samples; valid only during the call.</param>
    void Deliver(ReadOnlySpan<MetricSample> samples);

    /// <summary>A reusable buffer of at least <paramref name="length"/> samples for copy-then-claim draining.</summary>
    Span<MetricSample> Scratch(int length);
}
