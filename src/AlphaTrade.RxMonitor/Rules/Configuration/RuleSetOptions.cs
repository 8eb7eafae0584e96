using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>A set of rules: the <c>{"rules":[…]}</c> of a rules file, or <c>RxMonitor:Rules</c> in configuration.</summary>
public sealed class RuleSetOptions : IValidatableOptions
{
    /// <summary>The default evaluation interval, used by rules that do not set their own: 15 seconds.</summary>
    public const string DefaultEvaluationInterval = "15s";

    /// <summary>The rules.</summary>
    public IList<RuleOptions> Rules { get; set; } = [];

    /// <summary>The evaluation interval of rules that do not set <see cref="RuleOptions.EvaluationInterval"/>. Default <c>15s</c>.</summary>
    public string? EvaluationInterval { get; set; }

    /// <summary>Adds every problem of the rule set, each at its key: <c>rules[2].threshold.above</c> in a file, <c>RxMonitor:Rules:2:threshold:above</c> in configuration.</summary>
    /// <param name="path">The path holding the <c>rules</c> and <c>evaluationInterval</c> keys: <see cref="KeyPath.File"/> or the <c>RxMonitor</c> section.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(problems);
        path = path.Of(this);
        OptionChecks.Duration(EvaluationInterval, path.Key(nameof(EvaluationInterval)), problems, required: false, positive: true);
        var rules = path.Key(nameof(Rules));
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (rule is null)
            {
                problems.Add(rules.Index(i), "must be an object");
                continue;
            }

            var at = rules.Index(i);
            rule.Validate(at, problems);
            if (!string.IsNullOrWhiteSpace(rule.Name) && !names.TryAdd(rule.Name, i))
            {
                problems.Add(at.Of(rule).Key(nameof(RuleOptions.Name)), $"'{rule.Name}' is already the name of {rules.Index(names[rule.Name])}");
            }
        }
    }
}
