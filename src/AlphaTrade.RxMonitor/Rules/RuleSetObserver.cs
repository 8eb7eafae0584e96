using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>The one upstream subscription of a rule set: hands every sample to every rule's engine.</summary>
internal sealed class RuleSetObserver(SeriesEvaluationEngine[] engines, IObserver<AlertEvent> observer) : IObserver<MetricSample>
{
    public void OnNext(MetricSample value)
    {
        foreach (var engine in engines)
        {
            engine.OnSample(in value);
        }
    }

    public void OnError(Exception error)
    {
        DisposeEngines();
        observer.OnError(error);
    }

    public void OnCompleted()
    {
        DisposeEngines();
        observer.OnCompleted();
    }

    public void DisposeEngines()
    {
        foreach (var engine in engines)
        {
            engine.Dispose();
        }
    }
}
