using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// A rate-of-change detector: <c>{"function":"rate","window":"1m","above":5}</c> is PromQL <c>rate(series[1m]) &gt; 5</c>.
/// </summary>
/// <remarks>
/// <see cref="Function"/> is <c>rate</c>, <c>increase</c>, <c>delta</c> or <c>deriv</c> (Prometheus semantics,
/// counter resets included for rate and increase), or <c>percent_change</c> (beyond Prometheus: the percent
/// change of the mean of one tumbling window against the previous one).
/// </remarks>
public sealed class RateOptions : ConditionOptions, IValidatableOptions
{
    /// <summary>The functions <see cref="Function"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Functions = ["rate", "increase", "delta", "deriv", "percent_change"];

    /// <summary>The range function. Required.</summary>
    public string? Function { get; set; }

    /// <summary>The range (the <c>[1m]</c> of the PromQL expression), a Prometheus duration. Required.</summary>
    public string? Window { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].rate</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        OptionChecks.OneOf(Function, path.Key("Function"), problems, required: true, [.. Functions]);
        OptionChecks.Duration(Window, path.Key("Window"), problems, required: true, positive: true);
        ValidateCondition(path, problems);
    }
}
