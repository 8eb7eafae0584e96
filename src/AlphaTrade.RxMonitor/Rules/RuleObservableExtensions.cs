using System.Reactive.Concurrency;
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
    /// <returns>Pending, firing and resolved events, NoData and rule-fault events; see <see cref="EvaluateRules(IObservable{MetricSample}, IEnumerable{AlertRule}, IScheduler, IFailureListener?, RuleEvaluationOptions?)"/>.</returns>
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
        return samples.EvaluateRules(new ReloadableRuleSet(rules, options), scheduler, failureListener);
    }

    /// <summary>
    /// Evaluates a rule set that can be replaced while it runs (<see cref="ReloadableRuleSet.Replace"/>): each
    /// subscription switches to the new rules on <paramref name="scheduler"/>, keeping the alert state of the rules
    /// that did not change and resolving the alerts of the changed and removed ones.
    /// </summary>
    /// <param name="samples">The samples, in non-decreasing time per series.</param>
    /// <param name="rules">The rule set.</param>
    /// <param name="scheduler">The clock and timer of the evaluation grid; a replacement is applied on it too.</param>
    /// <param name="failureListener">Told when a rule's detector throws; optional.</param>
    /// <returns>The rules' alert events, in evaluation order; see <see cref="EvaluateRules(IObservable{MetricSample}, IEnumerable{AlertRule}, IScheduler, IFailureListener?, RuleEvaluationOptions?)"/>.</returns>
    public static IObservable<AlertEvent> EvaluateRules(
        this IObservable<MetricSample> samples,
        ReloadableRuleSet rules,
        IScheduler scheduler,
        IFailureListener? failureListener = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(scheduler);
        return Observable.Create<AlertEvent>(observer =>
        {
            var run = new RuleSetRun(rules, scheduler, failureListener, observer);
            run.Subscribe(samples);
            return run;
        });
    }
}
