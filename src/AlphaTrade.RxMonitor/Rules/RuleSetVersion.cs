using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules;

/// <summary>One generation of a <see cref="ReloadableRuleSet"/>: its rules and options, and how a rule is recognised in the next one.</summary>
internal sealed class RuleSetVersion
{
    private RuleSetVersion(AlertRule[] rules, RuleEvaluationOptions options)
    {
        Rules = rules;
        Options = options;
    }

    public IReadOnlyList<AlertRule> Rules { get; }

    public RuleEvaluationOptions Options { get; }

    public static RuleSetVersion Create(IEnumerable<AlertRule> rules, RuleEvaluationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var ruleArray = rules.ToArray();
        if (Array.Exists(ruleArray, static r => r is null))
        {
            throw new ArgumentException("A rule is null.", nameof(rules));
        }

        var settings = options ?? new RuleEvaluationOptions();
        settings.ThrowIfInvalid(RuleEvaluationOptions.Section);

        // A copy: the caller may change its options object later; a running set must not see that.
        return new RuleSetVersion(ruleArray, new RuleEvaluationOptions { EvaluationInterval = settings.EvaluationInterval, EvaluationDelay = settings.EvaluationDelay });
    }

    /// <summary>
    /// For each rule of <paramref name="next"/>, the index of the same rule in this version, or -1 when it is new or
    /// changed; each rule of this version is matched at most once.
    /// </summary>
    public int[] Match(RuleSetVersion next)
    {
        var taken = new bool[Rules.Count];
        var matches = new int[next.Rules.Count];
        for (var j = 0; j < matches.Length; j++)
        {
            matches[j] = -1;
            for (var i = 0; i < taken.Length; i++)
            {
                if (!taken[i] && IsSame(Rules[i], next.Rules[j], next.Options))
                {
                    taken[i] = true;
                    matches[j] = i;
                    break;
                }
            }
        }

        return matches;
    }

    /// <summary>Which rules <paramref name="next"/> keeps, adds, changes and removes compared with this version.</summary>
    public RuleSetChange CompareWith(RuleSetVersion next)
    {
        var matches = Match(next);
        var kept = new List<string>();
        var added = new List<string>();
        var changed = new List<string>();
        var oldNames = Rules.Select(static r => r.Name).ToHashSet(StringComparer.Ordinal);
        var newNames = next.Rules.Select(static r => r.Name).ToHashSet(StringComparer.Ordinal);
        for (var j = 0; j < matches.Length; j++)
        {
            var name = next.Rules[j].Name;
            (matches[j] >= 0 ? kept : oldNames.Contains(name) ? changed : added).Add(name);
        }

        var removed = Rules.Select(static r => r.Name).Where(n => !newNames.Contains(n)).ToList();
        return new RuleSetChange(kept, added, changed, removed);
    }

    private bool IsSame(AlertRule rule, AlertRule candidate, RuleEvaluationOptions candidateOptions) =>
        string.Equals(rule.Name, candidate.Name, StringComparison.Ordinal)
        && (ReferenceEquals(rule, candidate) || (rule.Definition is not null && string.Equals(rule.Definition, candidate.Definition, StringComparison.Ordinal)))
        && (rule.EvaluationInterval ?? Options.EvaluationInterval) == (candidate.EvaluationInterval ?? candidateOptions.EvaluationInterval)
        && Options.EvaluationDelay == candidateOptions.EvaluationDelay;
}
