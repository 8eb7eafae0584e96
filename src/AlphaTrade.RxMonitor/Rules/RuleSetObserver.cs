using System.Runtime.CompilerServices;
using AlphaTrade.RxMonitor.Detectors.Evaluation;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Ingest;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// The one upstream subscription of a rule set: looks each sample's series up once (in a
/// <see cref="SeriesTable{TState}"/>, by the key's id and stamp) and hands the sample to every rule whose selector
/// it matches, with that rule's state for it.
/// </summary>
/// <remarks>
/// A route only caches what the rules' engines would resolve again (their own tables hold the series' states), so
/// a route not touched for the longest retention of the rules is dropped: the table holds the series seen lately,
/// matching or not, and none the rules no longer need (the table sweeps itself when a new series is routed, at most
/// once per half retention of event time); a series already routed costs one lookup.
/// </remarks>
internal sealed class RuleSetObserver : IObserver<MetricSample>, ISampleBatchObserver
{
    private SeriesEvaluationEngine[] _engines;
    private readonly IObserver<AlertEvent> _observer;

    // By series, the state each rule keeps for the series (null where the rule's selector does not match).
    private SeriesTable<SeriesState?[]> _routes;

    public RuleSetObserver(SeriesEvaluationEngine[] engines, IObserver<AlertEvent> observer)
    {
        _observer = observer;
        _engines = engines;
        _routes = NewRoutes(engines);
    }

    /// <summary>The engines, one per rule, in the order of the rule set.</summary>
    public IReadOnlyList<SeriesEvaluationEngine> Engines => _engines;

    /// <summary>
    /// Routes samples to <paramref name="engines"/> from now on (a reloaded rule set; engines kept from the previous set
    /// keep their series states, which the routes find again). Call serialized with the samples.
    /// </summary>
    /// <param name="engines">The engines, one per rule.</param>
    public void ReplaceEngines(SeriesEvaluationEngine[] engines)
    {
        _engines = engines;
        _routes = NewRoutes(engines);
    }

    /// <summary>The series with a route (seen within the longest retention of the rules).</summary>
    public int RouteCount => _routes.Count;

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
        _observer.OnError(error);
    }

    public void OnCompleted()
    {
        DisposeEngines();
        _observer.OnCompleted();
    }

    public void DisposeEngines()
    {
        foreach (var engine in _engines)
        {
            engine.Dispose();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Take(in MetricSample value)
    {
        var key = value.Key;
        ref var route = ref _routes.Touch(key, value.TimestampTicks);
        var states = Unsafe.IsNullRef(ref route) ? Route(key, value.TimestampTicks) : route;

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
                state = states[i] = _engines[i].Resolve(value.Key, value.TimestampTicks);
                if (state is null)
                {
                    continue;
                }
            }

            _engines[i].OnSample(state, in value);
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
        // A detector's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            _engines[rule].FaultTakingSample(e, value.TimestampTicks);
            return;
        }

        state.LastSampleTicks = value.TimestampTicks;
        if (changed)
        {
            state.Unevaluated = true;
            _engines[rule].EvaluateTakenSample(state, value.TimestampTicks);
        }
    }

    private SeriesState?[] Route(SeriesKey key, long ticks)
    {
        var states = new SeriesState?[_engines.Length];
        for (var i = 0; i < _engines.Length; i++)
        {
            states[i] = _engines[i].Resolve(key, ticks);
        }

        _routes.GetOrAdd(key, ticks, out _) = states;
        return states;
    }

    private static SeriesTable<SeriesState?[]> NewRoutes(SeriesEvaluationEngine[] engines) =>
        new(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, engines.Length == 0 ? 0 : engines.Max(static e => e.RetentionTicks))));
}
