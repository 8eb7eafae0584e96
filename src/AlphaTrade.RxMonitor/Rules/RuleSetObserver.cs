using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// The one upstream subscription of a rule set: looks each sample's series up once (by the interned key's
/// dense <see cref="SeriesKey.Id"/>, an array index) and hands the sample to every rule whose selector it
/// matches, with that rule's state for it.
/// </summary>
internal sealed class RuleSetObserver(SeriesEvaluationEngine[] engines, IObserver<AlertEvent> observer) : IObserver<MetricSample>, ISampleBatchObserver
{
    // By series id, the state each rule keeps for the series (null where the rule's selector does not match).
    private SeriesState?[]?[] _routes = new SeriesState?[]?[256];

    public void OnNext(MetricSample value) => Take(in value);

    public void OnNextBatch(ReadOnlySpan<MetricSample> samples, ref int next)
    {
        while (next < samples.Length)
        {
            Take(in samples[next++]);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Take(in MetricSample value)
    {
        var id = value.Key.Id;
        var states = (uint)id < (uint)_routes.Length ? _routes[id] : null;
        states ??= Route(value.Key, value.TimestampTicks);

        var ticks = value.TimestampTicks;
        for (var i = 0; i < states.Length; i++)
        {
            var state = states[i];
            if (state is null)
            {
                continue;
            }

            if (state.FastTracker is { } tracker && ticks >= state.LastSampleTicks)
            {
                TakeOnFastPath(i, state, tracker, in value);
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

    /// <summary>
    /// The per-sample fast path of a change-tracking evaluator with no alert clock running: add the sample and
    /// evaluate only when the evaluator says the result may have changed.
    /// </summary>
    private void TakeOnFastPath(int rule, SeriesState state, IChangeTrackingEvaluator tracker, in MetricSample value)
    {
        bool changed;
        try
        {
            changed = tracker.AddAndCheckChanged(value.TimestampTicks, value.Value);
        }
#pragma warning disable CA1031 // A detector's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            engines[rule].FaultTakingSample(e, value.TimestampTicks);
            return;
        }

        state.LastSampleTicks = value.TimestampTicks;
        if (changed)
        {
            state.Unevaluated = true;
            engines[rule].EvaluateTakenSample(state, value.TimestampTicks);
        }
    }

    private SeriesState?[] Route(SeriesKey key, long ticks)
    {
        var states = new SeriesState?[engines.Length];
        for (var i = 0; i < engines.Length; i++)
        {
            states[i] = engines[i].Resolve(key, ticks);
        }

        if (key.Id >= _routes.Length)
        {
            Array.Resize(ref _routes, Math.Max(key.Id + 1, _routes.Length * 2));
        }

        _routes[key.Id] = states;
        return states;
    }
}
