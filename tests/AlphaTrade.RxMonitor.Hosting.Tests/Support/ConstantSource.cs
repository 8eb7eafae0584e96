using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Hosting.Tests.Support;

/// <summary>A source that yields one series at a constant value on every poll.</summary>
internal sealed class ConstantSource(SeriesKey series, double value) : IMetricSource
{
    public string Name => "constant";

    public void Poll(long timestampTicks, IObserver<MetricSample> observer) =>
        observer.OnNext(new MetricSample(series, timestampTicks, value));
}
