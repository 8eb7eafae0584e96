using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using AlphaTrade.RxMonitor.Diagnostics;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>Runs alert rules over a sample stream: <c>samples.EvaluateRule(rule, scheduler)</c>.</summary>
public static class RuleObservableExtensions
{
    /// <summary>Evaluates one rule over <paramref name="samples"/> and emits its alert events.</summary>
    /// <param name="samples">The samples, in non-decreasing time per series.</param>
    /// <param name="rule">The rule.</param>
    /// <param name="scheduler">The clock and timer of the evaluation grid.</param>
    /// <param name="failureListener">Told when the rule's detector throws; optional.</param>
    /// <param name="options">The default evaluation interval and the evaluation delay; defaults when <see langword="null"/>.</param>
    /// <returns>Pending, firing and resolved events, NoData and rule-fault events; see <see cref="EvaluateRules"/>.</returns>
    public static IObservable<AlertEvent> EvaluateRule(
        this IObservable<MetricSample> samples,
        AlertRule rule,
        IScheduler scheduler,
        IFailureListener? failureListener = null,
        RuleEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return samples.EvaluateRules([rule], scheduler, failureListener, options);
    }

    /// <summary>Evaluates several rules over one subscription to <paramref name="samples"/> and merges their alert events.</summary>
    /// <param name="samples">The samples, in non-decreasing time per series.</param>
    /// <param name="rules">The rules.</param>
    /// <param name="scheduler">The clock and timer of the evaluation grid.</param>
    /// <param name="failureListener">Told when a rule's detector throws; optional.</param>
    /// <param name="options">The default evaluation interval and the evaluation delay; defaults when <see langword="null"/>.</param>
    /// <returns>The rules' alert events, in evaluation order.</returns>
    /// <remarks>
    /// <para>
    /// Each rule evaluates each matching series at every sample's timestamp (so a breach is reported when its
    /// sample arrives) and at every multiple of its evaluation interval since the Unix epoch, <c>T</c>, for the
    /// series without a sample exactly at <c>T</c>; grid evaluations run on <paramref name="scheduler"/> at
    /// <c>T + EvaluationDelay</c> and are stamped <c>T</c>. One timer per rule, re-armed each interval. On a
    /// regular sample grid equal to the evaluation interval, the alert states equal Prometheus 2.42's.
    /// </para>
    /// <para>
    /// Threading: samples and the scheduler's timer actions must be serialized (deliver samples on the
    /// scheduler's thread, e.g. the pipeline's single consumer); in virtual time, deliver each sample when the
    /// scheduler's clock is at its timestamp. Time: the scheduler's clock is event time.
    /// </para>
    /// <para>
    /// Failure: a rule whose detector throws stops alone: the failure listener is told, its alerts resolve and a
    /// <see cref="AlertEventKind.RuleFault"/> event fires; the other rules go on and the stream never errors
    /// because of a rule. An error or completion of <paramref name="samples"/> is passed on (and stops the timers).
    /// </para>
    /// </remarks>
    public static IObservable<AlertEvent> EvaluateRules(
        this IObservable<MetricSample> samples,
        IEnumerable<AlertRule> rules,
        IScheduler scheduler,
        IFailureListener? failureListener = null,
        RuleEvaluationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(scheduler);
        var ruleArray = rules.ToArray();
        if (Array.Exists(ruleArray, static r => r is null))
        {
            throw new ArgumentException("A rule is null.", nameof(rules));
        }

        var settings = options ?? new RuleEvaluationOptions();
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(options));
        }

        return Observable.Create<AlertEvent>(observer =>
        {
            var engines = Array.ConvertAll(
                ruleArray,
                rule => (SeriesEvaluationEngine)new RuleEngine(rule, scheduler, settings, observer, failureListener));
            var sink = new RuleSetObserver(engines, observer);
            foreach (var engine in engines)
            {
                engine.Start();
            }

            var upstream = samples.Subscribe(sink);
            return Disposable.Create((upstream, sink), static state =>
            {
                state.upstream.Dispose();
                state.sink.DisposeEngines();
            });
        });
    }
}
