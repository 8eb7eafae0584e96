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
/// <para>
/// A sample in time order before its series' quiet time (see <see cref="SeriesRoute"/>) only moves the rules' windows
/// and the series' clock; any other sample goes rule by rule, with a detector's failure faulting its rule only. Before
/// any engine works outside a sample's path (its evaluation grid, its stop, a reload) the rule set catches up the
/// windows that follow another's and starts a new epoch, so no quiet time learnt before that work is trusted after it.
/// </para>
/// <para>
/// A route only caches what the rules' engines would resolve again (their own tables hold the series' states), so
/// a route not touched for the longest retention of the rules is dropped: the table holds the series seen lately,
/// matching or not, and none the rules no longer need (the table sweeps itself when a new series is routed, at most
/// once per half retention of event time); a series already routed costs one lookup.
/// </para>
/// </remarks>
internal sealed class RuleSetObserver : IObserver<MetricSample>, ISampleBatchObserver, IOffSampleListener
{
    private const int NoRule = -1;
    private SeriesEvaluationEngine[] _engines;
    private readonly IObserver<AlertEvent> _observer;

    // By series, its route: the state each rule keeps for the series (null where the rule's selector does not match), its
    // clock and its quiet time.
    private SeriesTable<SeriesRoute> _routes;

    // The rule whose fast-path evaluator is taking a sample (NoRule otherwise), so the one handler in TakeRuleByRule catches
    // only what that evaluator throws and knows whose it is.
    private int _takingRule = NoRule;

    // Moves on whenever an engine works outside a sample's path: a route's quiet time holds only in the epoch it was learnt in.
    private int _epoch;

    // The routes whose followers must catch up with their leaders before the epoch moves on.
    private readonly List<SeriesRoute> _awaitingEpoch = [];

    public RuleSetObserver(SeriesEvaluationEngine[] engines, IObserver<AlertEvent> observer)
    {
        _observer = observer;
        _engines = engines;
        _routes = NewRoutes(engines);
        Listen(engines);
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
        BeforeOffSampleWork();
        _engines = engines;
        _routes = NewRoutes(engines);
        Listen(engines);
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

    /// <summary>Catches up every route with followers and starts a new epoch (see <see cref="SeriesRoute"/>).</summary>
    public void BeforeOffSampleWork()
    {
        foreach (var route in _awaitingEpoch)
        {
            route.CatchUp();
            route.AwaitsEpoch = false;
        }

        _awaitingEpoch.Clear();
        _epoch++;
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
        var ticks = value.TimestampTicks;
        ref var entry = ref _routes.Touch(value.Key, ticks);
        if (!Unsafe.IsNullRef(ref entry))
        {
            var route = entry;
            if (ticks < route.QuietUntil && route.Epoch == _epoch && ticks >= route.Ticks)
            {
                TakeQuiet(route, in value);
                return;
            }

            TakeRuleByRule(route, in value);
            return;
        }

        TakeRuleByRule(Route(value.Key, ticks), in value);
    }

    /// <summary>
    /// A sample that changes no rule's result (see <see cref="SeriesRoute"/>): the leading rules' windows take it. Their
    /// adds are plain arithmetic that cannot fail, so nothing here handles a failure.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TakeQuiet(SeriesRoute route, in MetricSample value)
    {
        var ticks = value.TimestampTicks;
        var count = route.QuietCount;
        if (count > 0)
        {
            route.FirstQuiet!.AddAndCheckChanged(ticks, value.Value);
            var others = route.OtherQuiet;
            for (var i = 0; i < count - 1; i++)
            {
                others[i].AddAndCheckChanged(ticks, value.Value);
            }
        }

        route.Ticks = ticks;
    }

    /// <summary>Hands a sample to each rule in turn, then learns the series' quiet time again.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TakeRuleByRule(SeriesRoute route, in MetricSample value)
    {
        route.CatchUp();
        var from = 0;
        while (true)
        {
            try
            {
                TakeFrom(route, from, in value);
                Learn(route);
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

    private void Learn(SeriesRoute route)
    {
        if (route.LearnQuietTime(_epoch) && !route.AwaitsEpoch)
        {
            route.AwaitsEpoch = true;
            _awaitingEpoch.Add(route);
        }
    }

    /// <summary>
    /// Hands the sample to the rules from <paramref name="from"/> on. A change-tracking evaluator with no alert clock
    /// running takes the fast path: add the sample and evaluate only when the evaluator says the result may have changed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void TakeFrom(SeriesRoute series, int from, in MetricSample value)
    {
        var ticks = value.TimestampTicks;
        var routes = series.Rules;
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

                state.ShareClock(series);
            }

            _engines[rule].OnSample(state, in value);
        }
    }

    private SeriesRoute Route(SeriesKey key, long ticks)
    {
        var routes = new RuleRoute[_engines.Length];
        for (var i = 0; i < _engines.Length; i++)
        {
            routes[i] = new RuleRoute(_engines[i].Resolve(key, ticks));
        }

        var route = new SeriesRoute(routes);
        _routes.GetOrAdd(key, ticks, out _) = route;
        return route;
    }

    private void Listen(SeriesEvaluationEngine[] engines)
    {
        foreach (var engine in engines)
        {
            engine.OffSampleListener = this;
        }
    }

    private static SeriesTable<SeriesRoute> NewRoutes(SeriesEvaluationEngine[] engines) =>
        new(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, engines.Length == 0 ? 0 : engines.Max(static e => e.RetentionTicks))));
}
