using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// The alert state machine of Prometheus 2.42 (<c>rules/alerting.go</c>, <c>AlertingRule.Eval</c>) for one alert, as
/// a pure function: (previous state, detector verdict, evaluation time, rule timings) → (next state, emitted transition).
/// </summary>
/// <remarks>
/// <para>
/// A breach is Prometheus's "the expression returned this series": an inactive alert becomes pending with
/// <c>activeAt = t</c> (firing at once when <c>for</c> is 0), a pending one fires once <c>t − activeAt ≥ for</c>, and a
/// firing one clears its <c>keep_firing_for</c> hold. No breach (normal or no data): a pending alert ends; a firing one
/// with <c>keep_firing_for</c> starts its hold at the first such <c>t</c> and keeps firing while
/// <c>t − keepFiringSince &lt; keep_firing_for</c>, then resolves with <c>resolvedAt = t</c>; a resolved alert is
/// forgotten once <c>t − resolvedAt</c> exceeds the 15-minute retention. A later breach starts a new instance.
/// </para>
/// <para>
/// Two events go beyond Prometheus: a pending alert that ends emits <see cref="AlertState.Resolved"/> (Prometheus drops it
/// silently; our consumers need to see it end), and a change of the breach's severity while pending or firing emits
/// the same state again (one instance escalates and de-escalates). Nothing here reads a clock or holds state.
/// </para>
/// </remarks>
internal static class RuleEngine
{
    /// <summary>Advances <paramref name="previous"/> by one evaluation.</summary>
    /// <param name="previous">The alert's state before this evaluation.</param>
    /// <param name="verdict">The detector's result at <paramref name="ticks"/>.</param>
    /// <param name="ticks">The evaluation time in UTC ticks, not before the previous evaluation's.</param>
    /// <param name="timings">The rule's <c>for</c> and <c>keep_firing_for</c>.</param>
    /// <returns>The next state and the transition to emit.</returns>
    public static AlertStep Step(in AlertInstance previous, in DetectorResult verdict, long ticks, in RuleTimings timings) =>
        verdict.Outcome == DetectorOutcome.Breached
            ? Breached(in previous, verdict, ticks, in timings)
            : NotBreached(in previous, ticks, in timings);

    /// <summary>Ends <paramref name="previous"/> whatever the verdict (its rule stopped: faulted or retired by a reload).</summary>
    /// <param name="previous">The alert's state.</param>
    /// <param name="ticks">The time the rule stopped.</param>
    /// <returns>The resolved state, emitting <see cref="AlertState.Resolved"/> when the alert was pending or firing.</returns>
    public static AlertStep End(in AlertInstance previous, long ticks) =>
        previous.Phase == AlertPhase.Inactive
            ? new AlertStep(previous, null)
            : new AlertStep(previous with { Phase = AlertPhase.Inactive, KeepFiringSinceTicks = AlertInstance.None, ResolvedAtTicks = ticks }, AlertState.Resolved);

    private static AlertStep Breached(in AlertInstance previous, DetectorResult verdict, long ticks, in RuleTimings timings)
    {
        if (previous.Phase == AlertPhase.Inactive)
        {
            // A new instance, also when a resolved one is still retained: Prometheus replaces an inactive alert.
            var phase = timings.ForTicks <= 0 ? AlertPhase.Firing : AlertPhase.Pending;
            return new AlertStep(
                new AlertInstance(phase, ticks, AlertInstance.None, AlertInstance.None, verdict.Severity),
                phase == AlertPhase.Firing ? AlertState.Firing : AlertState.Pending);
        }

        var severityChanged = verdict.Severity != previous.Severity;
        var next = previous with { KeepFiringSinceTicks = AlertInstance.None, Severity = verdict.Severity };
        if (previous.Phase == AlertPhase.Pending && ticks - previous.ActiveAtTicks >= timings.ForTicks)
        {
            return new AlertStep(next with { Phase = AlertPhase.Firing }, AlertState.Firing);
        }

        AlertState? emitted = !severityChanged ? null
            : previous.Phase == AlertPhase.Pending ? AlertState.Pending
            : AlertState.Firing;
        return new AlertStep(next, emitted);
    }

    private static AlertStep NotBreached(in AlertInstance previous, long ticks, in RuleTimings timings)
    {
        switch (previous.Phase)
        {
            case AlertPhase.Pending:
                // Prometheus deletes a pending alert at once: nothing is retained.
                return new AlertStep(previous with { Phase = AlertPhase.Inactive }, AlertState.Resolved);
            case AlertPhase.Firing:
                if (timings.KeepFiringForTicks > 0)
                {
                    var since = previous.KeepFiringSinceTicks == AlertInstance.None ? ticks : previous.KeepFiringSinceTicks;
                    if (ticks - since < timings.KeepFiringForTicks)
                    {
                        return new AlertStep(previous with { KeepFiringSinceTicks = since }, null);
                    }
                }

                return new AlertStep(
                    previous with { Phase = AlertPhase.Inactive, KeepFiringSinceTicks = AlertInstance.None, ResolvedAtTicks = ticks },
                    AlertState.Resolved);
            default:
                return previous.ResolvedAtTicks != AlertInstance.None && ticks - previous.ResolvedAtTicks > RuleTimings.ResolvedRetentionTicks
                    ? new AlertStep(AlertInstance.Inactive, null)
                    : new AlertStep(previous, null);
        }
    }
}
