using AlphaTrade.RxMonitor.Metrics;
using AlphaTrade.RxMonitor.Sources;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>A source whose poll is a delegate: counts polls and lets a test throw or write garbage.</summary>
internal sealed class DelegateSource(string name, Action<int, long, IObserver<MetricSample>> poll) : IMetricSource
{
    public int Polls { get; private set; }

    public string Name { get; } = name;

    public static DelegateSource Constant(string name, SeriesKey key, double value) =>
        new(name, (_, t, o) => o.OnNext(new MetricSample(key, t, value)));

    public void Poll(long timestampTicks, IObserver<MetricSample> observer)
    {
        Polls++;
        poll(Polls, timestampTicks, observer);
    }
}
