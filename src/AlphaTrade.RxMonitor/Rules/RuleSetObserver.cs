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
/// <remarks>
/// A route is dropped when every rule has pruned its state for the series, so the route table holds no key
/// that the rules no longer need; a route's key stamp tells it from a later key that reuses the id.
/// </remarks>
internal sealed class RuleSetObserver : IObserver<MetricSample>, ISampleBatchObserver
{
    private SeriesEvaluationEngine[] _engines;
    private readonly IObserver<AlertEvent> _observer;

    // By series id, the state each rule keeps for the series (null where the rule's selector does not match),
    // and the stamp of the key the route belongs to.
    private SeriesState?[]?[] _routes = new SeriesState?[]?[256];
    private long[] _routeStamps = new long[256];

    public RuleSetObserver(SeriesEvaluationEngine[] engines, IObserver<AlertEvent> observer)
    {
        _observer = observer;
        _engines = engines;
        ReplaceEngines(engines);
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
        _routes = new SeriesState?[]?[256];
        _routeStamps = new long[256];
        foreach (var engine in engines)
        {
            engine.SeriesPruned = ReleaseRoute;
        }
    }

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
        var id = key.Id;
        var states = (uint)id < (uint)_routes.Length && _routeStamps[id] == key.Stamp ? _routes[id] : null;
        states ??= Route(key, value.TimestampTicks);

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
#pragma warning disable CA1031 // A detector's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
#pragma warning restore CA1031
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

        if (key.Id >= _routes.Length)
        {
            var length = Math.Max(key.Id + 1, _routes.Length * 2);
            Array.Resize(ref _routes, length);
            Array.Resize(ref _routeStamps, length);
        }

        _routes[key.Id] = states;
        _routeStamps[key.Id] = key.Stamp;
        return states;
    }

    /// <summary>Drops the route of <paramref name="key"/> once no rule holds state for it.</summary>
    private void ReleaseRoute(SeriesKey key)
    {
        var id = key.Id;
        if ((uint)id >= (uint)_routes.Length || _routeStamps[id] != key.Stamp || _routes[id] is not { } states)
        {
            return;
        }

        foreach (var state in states)
        {
            if (state is { Pruned: false })
            {
                return;
            }
        }

        _routes[id] = null;
        _routeStamps[id] = 0;
    }
}
