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
    private const int NoRule = -1;
    private SeriesEvaluationEngine[] _engines;
    private readonly IObserver<AlertEvent> _observer;

    // By series, the state each rule keeps for the series (null where the rule's selector does not match).
    private SeriesTable<RuleRoute[]> _routes;

    // The rule whose fast-path evaluator is taking a sample (NoRule otherwise), so the one handler in Take catches only
    // what that evaluator throws and knows whose it is.
    private int _takingRule = NoRule;

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

    private void Take(in MetricSample value)
    {
        var key = value.Key;
        ref var entry = ref _routes.Touch(key, value.TimestampTicks);
        var routes = Unsafe.IsNullRef(ref entry) ? Route(key, value.TimestampTicks) : entry;
        var from = 0;
        while (true)
        {
            try
            {
                TakeFrom(routes, from, in value);
                return;
            }
            // A detector's failure faults its rule only; it is reported, never rethrown, and the other rules take the
            // sample. What the engines' own calls let through (an observer's failure downstream) is not the detector's.
            catch (Exception e) when (_takingRule != NoRule)
            {
                var rule = _takingRule;
                _takingRule = NoRule;
                _engines[rule].FaultTakingSample(e, value.TimestampTicks);
                from = rule + 1;
            }
        }
    }

    /// <summary>
    /// Hands the sample to the rules from <paramref name="from"/> on. A change-tracking evaluator with no alert clock
    /// running takes the fast path: add the sample and evaluate only when the evaluator says the result may have changed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TakeFrom(RuleRoute[] routes, int from, in MetricSample value)
    {
        var ticks = value.TimestampTicks;
        for (var rule = from; rule < routes.Length; rule++)
        {
            ref var route = ref routes[rule];
            var state = route.State;
            if (state is null)
            {
                continue;
            }

            // The tracker is read from the route, not from the state: its work need not wait for the state's cache line.
            if (state.FastTracker is not null && ticks >= state.LastSampleTicks)
            {
                _takingRule = rule;
                var changed = route.Tracker!.AddAndCheckChanged(ticks, value.Value);
                _takingRule = NoRule;
                state.LastSampleTicks = ticks;
                if (changed)
                {
                    state.Unevaluated = true;
                    _engines[rule].EvaluateTakenSample(state, ticks);
                }

                continue;
            }

            if (state.Pruned)
            {
                route = new RuleRoute(_engines[rule].Resolve(value.Key, ticks));
                state = route.State;
                if (state is null)
                {
                    continue;
                }
            }

            _engines[rule].OnSample(state, in value);
        }
    }

    private RuleRoute[] Route(SeriesKey key, long ticks)
    {
        var routes = new RuleRoute[_engines.Length];
        for (var i = 0; i < _engines.Length; i++)
        {
            routes[i] = new RuleRoute(_engines[i].Resolve(key, ticks));
        }

        _routes.GetOrAdd(key, ticks, out _) = routes;
        return routes;
    }

    private static SeriesTable<RuleRoute[]> NewRoutes(SeriesEvaluationEngine[] engines) =>
        new(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, engines.Length == 0 ? 0 : engines.Max(static e => e.RetentionTicks))));
}
