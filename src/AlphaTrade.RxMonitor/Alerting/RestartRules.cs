using AlphaTrade.RxMonitor.Detectors;
using AlphaTrade.RxMonitor.Detectors.Anomaly;
using AlphaTrade.RxMonitor.Rules;

namespace AlphaTrade.RxMonitor.Alerting;

/// <summary>
/// The rules that run after a restart, each with the time within which its first evaluation has seen every series it
/// fires on, so that <see cref="AlertManager.RestoreAsync(RestartRules, CancellationToken)"/> ends the restored alerts
/// their rule no longer raises (Prometheus drops an alert that is not active at the first evaluation after a restart).
/// </summary>
/// <remarks>
/// A restored pending or firing alert is confirmed by any pending or firing event of its rule for it within that time;
/// otherwise it is resolved then (and the resolution notified). An alert of a rule that is not listed is resolved at
/// once: its rule no longer exists.
/// </remarks>
public sealed class RestartRules
{
    private readonly Dictionary<string, TimeSpan> _confirmWithin;

    /// <summary>Lists the running rules by name, each with its confirmation time.</summary>
    /// <param name="confirmWithin">Rule name → how long after the restart its first evaluation has seen every series (not negative).</param>
    public RestartRules(IEnumerable<KeyValuePair<string, TimeSpan>> confirmWithin)
    {
        ArgumentNullException.ThrowIfNull(confirmWithin);
        _confirmWithin = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var (name, within) in confirmWithin)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(within, TimeSpan.Zero, nameof(confirmWithin));
            _confirmWithin[name] = within;
        }
    }

    /// <summary>
    /// The confirmation time of each rule: one evaluation interval plus the evaluation delay, one
    /// <paramref name="sampleInterval"/> (the first samples after the restart must arrive), plus the data window the
    /// rule's detector needs before it gives a result (a range function's range, a tumbling window's size, the samples an
    /// anomaly detector learns from or a threshold's <c>consecutive</c> count, each sample one <paramref name="sampleInterval"/>).
    /// </summary>
    /// <param name="rules">The rules that run now.</param>
    /// <param name="evaluation">The evaluation grid the rules use unless they set their own.</param>
    /// <param name="sampleInterval">How often the rules' series get samples (the sources' polling interval).</param>
    /// <returns>The rules.</returns>
    public static RestartRules For(IEnumerable<AlertRule> rules, RuleEvaluationOptions evaluation, TimeSpan sampleInterval)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleInterval, TimeSpan.Zero);
        return new RestartRules(rules.Select(rule => new KeyValuePair<string, TimeSpan>(
            rule.Name,
            (rule.EvaluationInterval ?? evaluation.EvaluationInterval) + evaluation.EvaluationDelay + sampleInterval + DataWindow(rule.Detector, sampleInterval))));
    }

    /// <summary>Whether <paramref name="ruleName"/> runs, and its confirmation time.</summary>
    /// <param name="ruleName">The rule's name.</param>
    /// <param name="within">Its confirmation time when it runs.</param>
    /// <returns><see langword="true"/> when the rule runs.</returns>
    public bool TryGetConfirmationTime(string ruleName, out TimeSpan within) => _confirmWithin.TryGetValue(ruleName, out within);

    private static TimeSpan DataWindow(IDetector? detector, TimeSpan sampleInterval) => detector switch
    {
        AnomalyDetector d => d.WarmupSamples * sampleInterval,
        ThresholdDetector d => (d.Condition.Consecutive - 1) * sampleInterval,
        RangeFunctionDetector d => d.Window,
        OverTimeDetector d => d.Window,
        TrendDetector d => d.Window,
        AbsentDetector d => d.Window,
        PercentChangeDetector d => d.Window + d.Window,
        WindowAggregateDetector d => d.Size,
        _ => TimeSpan.Zero,
    };
}
