using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>
/// A rule set whose rules can be replaced while it runs (<c>samples.EvaluateRules(ruleSet, scheduler)</c>), the way
/// Prometheus reloads its rule files: a rule whose definition did not change keeps its alert state, a changed or
/// removed rule's alerts are resolved and a changed rule starts again.
/// </summary>
/// <remarks>
/// <para>
/// A rule is the same rule when it has the same <see cref="AlertRule.Name"/>, the same effective evaluation interval and
/// evaluation delay, and either is the same instance or has the same non-null <see cref="AlertRule.Definition"/>
/// (configured rules carry their configuration as their definition).
/// </para>
/// <para>
/// Threading: <see cref="Replace"/> may be called from any thread; each running evaluation applies the new set on its
/// own scheduler (serialized with its samples, at the scheduler's next turn), where the resolutions of the changed
/// and removed rules are emitted at the scheduler's time, before any event of the new rules.
/// </para>
/// </remarks>
public sealed class ReloadableRuleSet
{
    private readonly Lock _gate = new();
    private readonly List<RuleSetRun> _runs = [];
    private RuleSetVersion _current;

    /// <summary>Creates the set with its first rules.</summary>
    /// <param name="rules">The rules; names must be unique.</param>
    /// <param name="options">The default evaluation interval and the evaluation delay; defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">A rule is null or two rules share a name.</exception>
    /// <exception cref="ConfigurationException">The options are invalid (every problem listed).</exception>
    public ReloadableRuleSet(IEnumerable<AlertRule> rules, RuleEvaluationOptions? options = null) =>
        _current = RuleSetVersion.Create(rules, options);

    /// <summary>The rules in force (the last set given).</summary>
    public IReadOnlyList<AlertRule> Rules => Volatile.Read(ref _current).Rules;

    /// <summary>The evaluation options in force.</summary>
    public RuleEvaluationOptions Options => Volatile.Read(ref _current).Options;

    /// <summary>Replaces the rules; running evaluations switch at their scheduler's next turn.</summary>
    /// <param name="rules">The new rules; names must be unique.</param>
    /// <param name="options">The new evaluation options; <see langword="null"/> keeps the current ones.</param>
    /// <returns>Which rules were kept, added, changed and removed.</returns>
    /// <exception cref="ArgumentException">A rule is null or two rules share a name; nothing changes.</exception>
    /// <exception cref="ConfigurationException">The options are invalid (every problem listed); nothing changes.</exception>
    public RuleSetChange Replace(IEnumerable<AlertRule> rules, RuleEvaluationOptions? options = null)
    {
        RuleSetVersion next;
        RuleSetChange change;
        RuleSetRun[] runs;
        lock (_gate)
        {
            var previous = _current;
            next = RuleSetVersion.Create(rules, options ?? previous.Options);
            change = previous.CompareWith(next);
            Volatile.Write(ref _current, next);
            runs = [.. _runs];
        }

        foreach (var run in runs)
        {
            run.Apply(next);
        }

        return change;
    }

    /// <summary>Registers a running evaluation, which starts with the rules returned.</summary>
    internal RuleSetVersion Attach(RuleSetRun run)
    {
        lock (_gate)
        {
            _runs.Add(run);
            return _current;
        }
    }

    internal void Detach(RuleSetRun run)
    {
        lock (_gate)
        {
            _runs.Remove(run);
        }
    }
}
