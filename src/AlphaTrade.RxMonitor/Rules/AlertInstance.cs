using AlphaTrade.RxMonitor.Metrics;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// The alert state of one series of one rule, as Prometheus keeps it per alert (<c>rules/alerting.go</c>): the
/// phase, when the condition started to hold, when a <c>keep_firing_for</c> hold started and when the alert resolved.
/// </summary>
/// <param name="Phase">Inactive, pending or firing.</param>
/// <param name="ActiveAtTicks">When the condition started to hold for this instance (UTC ticks); kept after it ends.</param>
/// <param name="KeepFiringSinceTicks">When the condition stopped holding while firing with <c>keep_firing_for</c>; <see cref="None"/> otherwise.</param>
/// <param name="ResolvedAtTicks">When a firing alert resolved, while Prometheus still retains it; <see cref="None"/> otherwise.</param>
/// <param name="Severity">The severity of the last breach (a resolution reports it).</param>
/// <remarks>A value: <see cref="RuleEngine.Step"/> returns the next one and never changes the one it is given.</remarks>
internal readonly record struct AlertInstance(
    AlertPhase Phase,
    long ActiveAtTicks,
    long KeepFiringSinceTicks,
    long ResolvedAtTicks,
    Severity Severity)
{
    /// <summary>No time.</summary>
    public const long None = long.MinValue;

    /// <summary>No alert: never active, or forgotten after its resolution's retention.</summary>
    public static AlertInstance Inactive => new(AlertPhase.Inactive, None, None, None, Severity.Info);

    /// <summary>Whether a clock of the state machine runs that a later evaluation without a new sample may end: <c>for</c> or <c>keep_firing_for</c>.</summary>
    public bool ClockRuns => Phase == AlertPhase.Pending || KeepFiringSinceTicks != None;
}
