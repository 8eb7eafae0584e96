namespace AlphaTrade.RxMonitor.Rules;

/// <summary>The durations of a rule the alert state machine needs, in ticks.</summary>
/// <param name="ForTicks">Prometheus <c>for</c>: how long the condition must hold before a pending alert fires.</param>
/// <param name="KeepFiringForTicks">Prometheus <c>keep_firing_for</c>: how long a firing alert keeps firing after its condition stops.</param>
internal readonly record struct RuleTimings(long ForTicks, long KeepFiringForTicks)
{
    /// <summary>How long Prometheus retains a resolved alert (<c>resolvedRetention</c>, 15 minutes) before it forgets it.</summary>
    public static readonly long ResolvedRetentionTicks = TimeSpan.FromMinutes(15).Ticks;

    /// <summary>The timings of <paramref name="rule"/>.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>Its <c>for</c> and <c>keep_firing_for</c>.</returns>
    public static RuleTimings Of(AlertRule rule) => new(rule.For.Ticks, rule.KeepFiringFor.Ticks);
}
