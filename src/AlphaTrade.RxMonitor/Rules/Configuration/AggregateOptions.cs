using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// An aggregate-over-time detector: <c>{"function":"avg_over_time","window":"5m","above":80}</c> is PromQL
/// <c>avg_over_time(series[5m]) &gt; 80</c>.
/// </summary>
/// <remarks><c>quantile_over_time</c> takes <see cref="Quantile"/> (φ in [0, 1]).</remarks>
public sealed class AggregateOptions : ConditionOptions, IValidatableOptions
{
    /// <summary>The functions <see cref="Function"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Functions =
    [
        "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
        "stddev_over_time", "quantile_over_time", "last_over_time",
    ];

    /// <summary>The range function. Required.</summary>
    public string? Function { get; set; }

    /// <summary>The range (the <c>[5m]</c> of the PromQL expression), a Prometheus duration. Required.</summary>
    public string? Window { get; set; }

    /// <summary>For <c>quantile_over_time</c> only: the quantile φ, 0 ≤ φ ≤ 1. Required there.</summary>
    public double? Quantile { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].aggregate</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        var function = OptionChecks.OneOf(Function, path.Key("Function"), problems, required: true, [.. Functions]);
        OptionChecks.Duration(Window, path.Key("Window"), problems, required: true, positive: true);
        if (function == "quantile_over_time")
        {
            if (Quantile is null)
            {
                problems.Add(path.Key("Quantile"), $"is required for quantile_over_time (0 to 1)");
            }
            else if (Quantile is not (>= 0 and <= 1))
            {
                problems.Add(path.Key("Quantile"), $"must be between 0 and 1");
            }
        }
        else if (function is not null && Quantile is not null)
        {
            problems.Add(path.Key("Quantile"), $"applies only to quantile_over_time");
        }

        ValidateCondition(path, problems);
    }
}
