using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// The one upstream subscription of a rule set: looks each sample's series up once (by the key's cached
/// hash) and hands the sample to every rule whose selector it matches, with that rule's state for it.
/// </summary>
internal sealed class RuleSetObserver(SeriesEvaluationEngine[] engines, IObserver<AlertEvent> observer) : IObserver<MetricSample>
{
    // Per series, the state each rule keeps for it (null where the rule's selector does not match).
    private readonly Dictionary<SeriesKey, SeriesState?[]> _routes = [];

    public void OnNext(MetricSample value)
    {
        if (!_routes.TryGetValue(value.Key, out var states))
        {
            states = Route(value.Key, value.TimestampTicks);
        }

        for (var i = 0; i < states.Length; i++)
        {
            var state = states[i];
            if (state is null)
            {
                continue;
            }

            if (state.Pruned)
            {
                state = states[i] = engines[i].Resolve(value.Key, value.TimestampTicks);
                if (state is null)
                {
                    continue;
                }
            }

            engines[i].OnSample(state, in value);
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

    private SeriesState?[] Route(SeriesKey key, long ticks)
    {
        var states = new SeriesState?[engines.Length];
        for (var i = 0; i < engines.Length; i++)
        {
            states[i] = engines[i].Resolve(key, ticks);
        }

        _routes.Add(key, states);
        return states;
    }
}
