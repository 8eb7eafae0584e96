using System.Reactive.Concurrency;
using AlphaTrade.RxMonitor.Detectors.Evaluation;
using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// One subscription of one rule: the evaluation model of <see cref="SeriesEvaluationEngine"/>, each evaluation stepped
/// through <see cref="RuleEngine.Step"/>, plus the rule's own policies (staleness, NoData, the rule-fault alert),
/// emitting <see cref="AlertEvent"/>s.
/// </summary>
/// <remarks>
/// Every rule runs through this one path: a built-in detector, a user's own detector, and a user's Rx query (adapted
/// into an <c>IDetector</c> by its <see cref="AlertRule"/>). Events are allocated only on transitions. A detector that
/// throws stops this rule only: the failure is reported, the rule's active alerts are resolved and one rule-fault alert
/// fires.
/// </remarks>
internal sealed class RuleRun : SeriesEvaluationEngine
{
    private static readonly IReadOnlyDictionary<string, string> NoAnnotations = new Dictionary<string, string>();
    private readonly AlertRule _rule;
    private readonly IObserver<AlertEvent> _observer;
    private readonly IFailureListener? _failureListener;
    private readonly RuleTimings _timings;
    private readonly long _staleAfterTicks;
    private readonly StalenessPolicy _policy;
    private AlertEvent? _faultAlert;

    public RuleRun(
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
        _timings = RuleTimings.Of(rule);
        _staleAfterTicks = rule.StaleAfter.Ticks;
        _policy = rule.StalenessPolicy;
    }

    /// <summary>
    /// Ends this rule because a reload removed or changed it: every pending or firing alert (NoData and the rule-fault
    /// alert included) is resolved at <paramref name="ticks"/>, then the engine stops.
    /// </summary>
    /// <param name="ticks">The time of the reload (the scheduler's clock).</param>
    public void Retire(long ticks)
    {
        EndAll(States, ticks);
        if (_faultAlert is { } fault)
        {
            _faultAlert = null;
            _observer.OnNext(fault with { State = AlertState.Resolved, Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero) });
        }

        Dispose();
    }

    protected override SeriesState CreateState(SeriesKey key, ISeriesEvaluator evaluator, bool isGroup) => new RuleSeriesState(key, evaluator, isGroup);

    protected override void OnEvaluated(SeriesState evaluated, long ticks, in DetectorResult result)
    {
        var state = (RuleSeriesState)evaluated;
        ApplyStalenessPolicy(state, ticks, in result);
        state.EvaluateEachSample = state.Alert.ClockRuns || state.NoDataFiring;
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
        FailureReporting.Report(_failureListener, new PipelineFailure(
            PipelineComponent.Rule,
            _rule.Name,
            $"The detector of rule '{_rule.Name}' threw {exception.GetType().Name}: {exception.Message}. The rule stopped evaluating; its alerts were resolved and a rule-fault alert raised.",
            exception,
            new DateTimeOffset(NowTicks, TimeSpan.Zero)));
        EndAll(states, ticks);
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

    /// <summary>The rule's staleness policy around the state machine: what a stale series or a detector's "no data" does.</summary>
    private void ApplyStalenessPolicy(RuleSeriesState state, long ticks, in DetectorResult result)
    {
        var stale = !state.IsGroup && ticks - state.LastSampleTicks > _staleAfterTicks;
        switch (_policy)
        {
            case StalenessPolicy.Keep when stale || result.Outcome == DetectorOutcome.NoData:
                return;
            case StalenessPolicy.NoData when stale:
                Step(state, ticks, DetectorResult.NoData);
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

        Step(state, ticks, in result);
    }

    private void Step(RuleSeriesState state, long ticks, in DetectorResult result)
    {
        var step = RuleEngine.Step(state.Alert, in result, ticks, in _timings);
        state.Alert = step.Next;
        if (step.Emitted is { } emitted)
        {
            Emit(state, emitted, ticks, in result);
        }
    }

    private void EndAll(IReadOnlyList<SeriesState> states, long ticks)
    {
        foreach (RuleSeriesState state in states)
        {
            var step = RuleEngine.End(state.Alert, ticks);
            state.Alert = step.Next;
            if (step.Emitted is { } emitted)
            {
                Emit(state, emitted, ticks, DetectorResult.NoData);
            }

            if (state.NoDataFiring)
            {
                state.NoDataFiring = false;
                EmitNoData(state, AlertState.Resolved, ticks);
            }
        }
    }

    private void Emit(RuleSeriesState state, AlertState alertState, long ticks, in DetectorResult result)
    {
        state.AlertLabels ??= _rule.Labels.Count == 0 && state.Key.Labels.Count == 0
            ? LabelSet.Create(new Label(AlertLabels.AlertName, _rule.Name))
            : MergeLabels(state.Key.Labels);
        _observer.OnNext(new AlertEvent
        {
            RuleName = _rule.Name,
            State = alertState,
            Severity = state.Alert.Severity,
            Labels = state.AlertLabels,
            Annotations = Render(state.Key, result.Value, result.Detail),
            Value = result.Value,
            Timestamp = new DateTimeOffset(ticks, TimeSpan.Zero),
            ActiveAt = new DateTimeOffset(state.Alert.ActiveAtTicks, TimeSpan.Zero),
            Series = state.Key,
            Kind = AlertEventKind.Condition,
        });
    }

    private void EmitNoData(RuleSeriesState state, AlertState alertState, long ticks)
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
}
