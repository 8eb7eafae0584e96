using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.PostgreSql.Tests.Support;

/// <summary>Keeps every sample a source writes.</summary>
internal sealed class CollectingObserver : IObserver<MetricSample>
{
    public List<MetricSample> Samples { get; } = [];

    public double Value(string name, string db) => Samples.Last(s => s.Key.Name == name && s.Key.Labels.Get("db") == db).Value;

    public void OnNext(MetricSample value) => Samples.Add(value);

    public void OnError(Exception error) => throw error;

    public void OnCompleted()
    {
    }
}
