namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>A set of rules: the <c>{"rules":[…]}</c> of a rules file, or <c>RxMonitor:Rules</c> in configuration.</summary>
public sealed class RuleSetOptions
{
    /// <summary>The default evaluation interval, used by rules that do not set their own: 15 seconds.</summary>
    public const string DefaultEvaluationInterval = "15s";

    /// <summary>The rules.</summary>
    public IList<RuleOptions> Rules { get; set; } = [];

    /// <summary>The evaluation interval of rules that do not set <see cref="RuleOptions.EvaluationInterval"/>. Default <c>15s</c>.</summary>
    public string? EvaluationInterval { get; set; }

    /// <summary>Lists every problem of the rule set, each as <c>rules[i].field: what is wrong</c>.</summary>
    /// <param name="rulesPath">The path of the rule array, e.g. <c>rules</c> or <c>RxMonitor:Rules</c>.</param>
    /// <returns>The problems; empty when the rule set is valid.</returns>
    public IReadOnlyList<string> Validate(string rulesPath = "rules")
    {
        var problems = new List<string>();
        OptionChecks.Duration(EvaluationInterval, "evaluationInterval", problems, required: false, positive: true);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Count; i++)
        {
            var path = $"{rulesPath}[{i}]";
            var rule = Rules[i];
            if (rule is null)
            {
                problems.Add($"{path}: must be an object");
                continue;
            }

            rule.Validate(path, problems);
            if (!string.IsNullOrWhiteSpace(rule.Name) && !names.TryAdd(rule.Name, i))
            {
                problems.Add($"{path}.name: '{rule.Name}' is already the name of {rulesPath}[{names[rule.Name]}]");
            }
        }

        return problems;
    }
}
