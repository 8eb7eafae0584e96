using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Tests.Support;

/// <summary>Collects samples written by a source's poll.</summary>
internal sealed class CollectingObserver : IObserver<MetricSample>
{
    public List<MetricSample> Samples { get; } = [];

    public void OnNext(MetricSample value) => Samples.Add(value);

    public void OnError(Exception error) => throw new InvalidOperationException("A source must not call OnError.", error);

    public void OnCompleted() => throw new InvalidOperationException("A source must not call OnCompleted.");

    public double Value(string name, params (string Name, string Value)[] labels) => Find(name, labels)?.Value
        ?? throw new InvalidOperationException($"No sample {name} {string.Join(",", labels)} among: {string.Join("; ", Samples.Select(s => s.Key))}");

    public MetricSample? Find(string name, params (string Name, string Value)[] labels)
    {
        foreach (var sample in Samples)
        {
            if (sample.Key.Name == name && labels.All(l => sample.Key.GetLabel(l.Name) == l.Value))
            {
                return sample;
            }
        }

        return null;
    }

    public void Clear() => Samples.Clear();
}
