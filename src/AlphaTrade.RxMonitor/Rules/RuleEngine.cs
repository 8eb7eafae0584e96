using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// One subscription of one rule: the evaluation model of <see cref="SeriesEvaluationEngine"/> plus the
/// per-series alert state machine of Prometheus 2.42 (<c>rules/alerting.go</c>), emitting <see cref="AlertEvent"/>s.
/// </summary>
/// <remarks>
/// The detector's result and the state transition are computed in one step per evaluation. Events are
/// allocated only on transitions. A detector (or detector query) that throws stops this rule only: the failure
/// is reported, the rule's active alerts are resolved and one rule-fault alert fires.
/// </remarks>
internal sealed class RuleEngine : SeriesEvaluationEngine
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();
    private static readonly SeriesKey QueryRouteKey = SeriesKey.Create("detector_query");
    private readonly AlertRule _rule;
    private readonly IObserver<AlertEvent> _observer;
    private readonly IFailureListener? _failureListener;
    private readonly long _forTicks;
    private readonly long _keepFiringForTicks;
    private readonly long _staleAfterTicks;
    private readonly StalenessPolicy _policy;
    private readonly bool _isQuery;
    private readonly SeriesState _queryRoute;
    private AlertEvent? _faultAlert;
    private Subject<MetricSample>? _querySamples;
    private IDisposable? _querySubscription;

    public RuleEngine(
        AlertRule rule,
        IScheduler scheduler,
        RuleEvaluationOptions options,
        IObserver<AlertEvent> observer,
        IFailureListener? failureListener)
        : base(
            scheduler,
            rule.Selector,
            rule.Detector,
            rule.EvaluationInterval ?? options.EvaluationInterval,
            options.EvaluationDelay,
            rule.StaleAfter,
            skipUnchangedEvaluations: true)
    {
        _rule = rule;
        _observer = observer;
        _failureListener = failureListener;
        _forTicks = rule.For.Ticks;
        _keepFiringForTicks = rule.KeepFiringFor.Ticks;
        _staleAfterTicks = rule.StaleAfter.Ticks;
        _policy = rule.StalenessPolicy;
        // For a detector query, every matching series routes to this one marker state; the query's signals
        // then create the real per-series states.
        _queryRoute = new SeriesState(QueryRouteKey, new SignalHoldEvaluator(_staleAfterTicks), isGroup: true);
        if (rule.DetectorQuery is not null)
        {
            _isQuery = true;
        }
    }

    public override void Start()
    {
        if (_rule.DetectorQuery is not { } query)
        {
            base.Start();
            return;
        }

        _querySamples = new Subject<MetricSample>();
        try
        {
            _querySubscription = query(_querySamples).Subscribe(new SignalObserver(this));
        }
        // A user query's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            Fault(e, NowTicks);
        }
    }

    public override SeriesState? Resolve(SeriesKey key, long ticks)
    {
        if (!_isQuery)
        {
            return base.Resolve(key, ticks);
        }

        if (Stopped)
        {
            return null;
        }

        // No cache by key here: the rule set keeps the route of each live series, and a cache would hold every key ever seen.
        bool matches;
        try
        {
            matches = _rule.Selector.Matches(key);
        }
        // A selector failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            Fault(e, ticks);
            return null;
        }

        return matches ? _queryRoute : null;
    }

    public override void OnSample(SeriesState state, in MetricSample sample)
    {
        if (!_isQuery)
        {
            base.OnSample(state, in sample);
            return;
        }

        if (Stopped)
        {
            return;
        }

        try
        {
            // The query's signals come back through SignalObserver inside this call, so an exception here may
            // also come from a downstream observer of the alert events; either way this rule stops.
            _querySamples!.OnNext(sample);
        }
        // A user query's failure faults its rule only; it is reported, never rethrown.
        catch (Exception e)
        {
            Fault(e, sample.TimestampTicks);
        }
    }

    /// <summary>
    /// Ends this rule because a reload removed or changed it: every pending or firing alert (NoData and the rule-fault
    /// alert included) is resolved at <paramref name="ticks"/>, then the engine stops.
    /// </summary>
    /// <param name="ticks">The time of the reload (the scheduler's clock).</param>
    public void Retire(long ticks)
    {
        foreach (var state in States)
        {
            if (state.Phase != AlertPhase.Inactive)
            {
                state.Phase = AlertPhase.Inactive;
                state.KeepFiringSinceTicks = SeriesState.None;
                Emit(state, AlertState.Resolved, ticks, DetectorResult.NoData);
            }

            if (state.NoDataFiring)
            {
                state.NoDataFiring = false;
                EmitNoData(state, AlertState.Resolved, ticks);
            }
        }

        if (_faultAlert is { } fault)
        {
            _faultAlert = null;
            _observer.OnNext(fault with { State = AlertState.Resolved, Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero) });
        }

        Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        _querySubscription?.Dispose();
        _querySubscription = null;
        base.Dispose(disposing);
    }

    protected override void OnEvaluated(SeriesState state, long ticks, in DetectorResult result)
    {
        StepStateMachine(state, ticks, in result);
        state.EvaluateEachSample = state.Phase == AlertPhase.Pending || state.KeepFiringSinceTicks != SeriesState.None || state.NoDataFiring;
    }

    private void StepStateMachine(SeriesState state, long ticks, in DetectorResult result)
    {
        var stale = !state.IsGroup && ticks - state.LastSampleTicks > _staleAfterTicks;
        switch (_policy)
        {
            case StalenessPolicy.Keep when stale || result.Outcome == DetectorOutcome.NoData:
                return;
            case StalenessPolicy.NoData when stale:
                Transition(state, ticks, DetectorResult.NoData);
                if (!state.NoDataFiring)
                {
                    state.NoDataFiring = true;
                    state.NoDataSinceTicks = ticks;
                    EmitNoData(state, AlertState.Firing, ticks);
                }

                return;
            case StalenessPolicy.NoData when state.NoDataFiring:
                state.NoDataFiring = false;
                EmitNoData(state, AlertState.Resolved, ticks);
                break;
        }

        Transition(state, ticks, result);
    }

    protected override void OnOutOfOrder(SeriesState state, long ticks)
    {
        if (OutOfOrderSamples == 1)
        {
            FailureReporting.Report(_failureListener, new PipelineFailure(
                PipelineComponent.Rule,
                _rule.Name,
                $"Rule '{_rule.Name}' received a sample of {state.Key} older than that series' newest and skipped it (this and later ones are counted). Feed rules from MetricIngest.Samples, which delivers each series in time order.",
                null,
                new DateTimeOffset(ticks, TimeSpan.Zero)));
        }
    }

    protected override void OnFault(Exception exception, long ticks, IReadOnlyList<SeriesState> states)
    {
        FailureReport(exception);
        foreach (var state in states)
        {
            if (state.Phase != AlertPhase.Inactive)
            {
                state.Phase = AlertPhase.Inactive;
                Emit(state, AlertState.Resolved, ticks, DetectorResult.NoData);
            }

            if (state.NoDataFiring)
            {
                state.NoDataFiring = false;
                EmitNoData(state, AlertState.Resolved, ticks);
            }
        }

        var time = new DateTimeOffset(ticks, TimeSpan.Zero);
        _faultAlert = new AlertEvent
        {
            RuleName = _rule.Name,
            State = AlertState.Firing,
            Severity = _rule.Severity,
            Labels = _rule.Labels.With(new Label(AlertLabels.AlertName, _rule.Name), new Label(AlertLabels.RuleFault, "true")),
            Annotations = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["summary"] = $"Rule {_rule.Name} stopped: its detector threw {exception.GetType().Name}.",
                ["description"] = exception.Message,
            },
            Timestamp = time,
            ActiveAt = time,
            Kind = AlertEventKind.RuleFault,
            Fault = exception,
        };
        _observer.OnNext(_faultAlert);
    }

    private void Transition(SeriesState state, long ticks, in DetectorResult result)
    {
        if (result.Outcome == DetectorOutcome.Breached)
        {
            state.KeepFiringSinceTicks = SeriesState.None;
            var severityChanged = state.Phase != AlertPhase.Inactive && result.Severity != state.Severity;
            state.Severity = result.Severity;
            switch (state.Phase)
            {
                case AlertPhase.Inactive:
                    state.ActiveAtTicks = ticks;
                    state.Phase = ticks - state.ActiveAtTicks >= _forTicks ? AlertPhase.Firing : AlertPhase.Pending;
                    Emit(state, state.Phase == AlertPhase.Firing ? AlertState.Firing : AlertState.Pending, ticks, result);
                    break;
                case AlertPhase.Pending when ticks - state.ActiveAtTicks >= _forTicks:
                    state.Phase = AlertPhase.Firing;
                    Emit(state, AlertState.Firing, ticks, result);
                    break;
                case AlertPhase.Pending when severityChanged:
                    Emit(state, AlertState.Pending, ticks, result);
                    break;
                case AlertPhase.Firing when severityChanged:
                    Emit(state, AlertState.Firing, ticks, result);
                    break;
            }

            return;
        }

        switch (state.Phase)
        {
            case AlertPhase.Pending:
                // Prometheus drops a pending alert silently; we end it with Resolved so consumers see it end.
                state.Phase = AlertPhase.Inactive;
                Emit(state, AlertState.Resolved, ticks, result);
                break;
            case AlertPhase.Firing:
                if (_keepFiringForTicks > 0)
                {
                    if (state.KeepFiringSinceTicks == SeriesState.None)
                    {
                        state.KeepFiringSinceTicks = ticks;
                    }

                    if (ticks - state.KeepFiringSinceTicks < _keepFiringForTicks)
                    {
                        return;
                    }
                }

                state.Phase = AlertPhase.Inactive;
                state.KeepFiringSinceTicks = SeriesState.None;
                Emit(state, AlertState.Resolved, ticks, result);
                break;
        }
    }

    private void Emit(SeriesState state, AlertState alertState, long ticks, in DetectorResult result)
    {
        state.AlertLabels ??= _rule.Labels.Count == 0 && state.Key.Labels.Count == 0
            ? LabelSet.Create(new Label(AlertLabels.AlertName, _rule.Name))
            : MergeLabels(state.Key.Labels);
        _observer.OnNext(new AlertEvent
        {
            RuleName = _rule.Name,
            State = alertState,
            Severity = state.Severity,
            Labels = state.AlertLabels,
            Annotations = Render(state.Key, result.Value, result.Detail),
            Value = result.Value,
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            ActiveAt = new DateTimeOffset(state.ActiveAtTicks, TimeSpan.Zero),
            Series = state.Key,
            Kind = AlertEventKind.Condition,
        });
    }

    private void EmitNoData(SeriesState state, AlertState alertState, long ticks)
    {
        state.AlertLabels ??= MergeLabels(state.Key.Labels);
        _observer.OnNext(new AlertEvent
        {
            RuleName = _rule.Name,
            State = alertState,
            Severity = _rule.Severity,
            Labels = state.AlertLabels.With(new Label(AlertLabels.NoData, "true")),
            Annotations = Render(state.Key, double.NaN, double.NaN),
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            ActiveAt = new DateTimeOffset(state.NoDataSinceTicks, TimeSpan.Zero),
            Series = state.Key,
            Kind = AlertEventKind.NoData,
        });
    }

    private LabelSet MergeLabels(LabelSet seriesLabels)
    {
        var merged = new Label[_rule.Labels.Count + 1];
        for (var i = 0; i < _rule.Labels.Count; i++)
        {
            merged[i] = _rule.Labels[i];
        }

        merged[^1] = new Label(AlertLabels.AlertName, _rule.Name);
        return seriesLabels.With(merged);
    }

    private IReadOnlyDictionary<string, string> Render(SeriesKey series, double value, double detail)
    {
        var templates = _rule.AnnotationTemplates;
        if (templates.Count == 0)
        {
            return NoAnnotations;
        }

        var rendered = new Dictionary<string, string>(templates.Count, StringComparer.Ordinal);
        foreach (var (name, template) in templates)
        {
            rendered[name] = template.Render(series, value, detail);
        }

        return rendered;
    }

    private void FailureReport(Exception exception) =>
        FailureReporting.Report(_failureListener, new PipelineFailure(
            PipelineComponent.Rule,
            _rule.Name,
            $"The detector of rule '{_rule.Name}' threw {exception.GetType().Name}: {exception.Message}. The rule stopped evaluating; its alerts were resolved and a rule-fault alert raised.",
            exception,
            new DateTimeOffset(NowTicks, TimeSpan.Zero)));

    private void OnSignal(in DetectorSignal signal)
    {
        if (Stopped)
        {
            return;
        }

        if (signal.Series is null)
        {
            Fault(new InvalidOperationException($"The detector query of rule '{_rule.Name}' yielded a signal without a series."), signal.TimestampTicks);
            return;
        }

        var staleAfter = _staleAfterTicks;
        var state = GetOrAddState(signal.Series, () => new SignalHoldEvaluator(staleAfter));
        var ticks = signal.TimestampTicks;
        if (ticks < state.LastSampleTicks)
        {
            return;
        }

        ((SignalHoldEvaluator)state.Evaluator).Hold(ticks, signal.Result);
        state.LastSampleTicks = ticks;
        if (ticks >= state.LastEvaluationTicks)
        {
            Evaluated(state, ticks, signal.Result);
        }
    }

    private sealed class SignalObserver(RuleEngine engine) : IObserver<DetectorSignal>
    {
        public void OnNext(DetectorSignal value) => engine.OnSignal(in value);

        public void OnError(Exception error) => engine.Fault(error, engine.NowTicks);

        public void OnCompleted()
        {
            // The last signals hold until they are stale; grid evaluations go on.
        }
    }
}
