using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>
/// A window detector (beyond Prometheus): <c>{"size":"1s","aggregate":"mean","above":80}</c> compares an
/// aggregate of each event-time tumbling window of the series with a limit when the window closes.
/// </summary>
public sealed class WindowOptions : ConditionOptions, IValidatableOptions
{
    /// <summary>The aggregates <see cref="Aggregate"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Aggregates = ["count", "sum", "mean", "min", "max", "last", "stddev", "quantile"];

    /// <summary>The window length, a Prometheus duration above zero. Required.</summary>
    public string? Size { get; set; }

    /// <summary>The aggregate: count, sum, mean, min, max, last, stddev or quantile. Required.</summary>
    public string? Aggregate { get; set; }

    /// <summary>For the <c>quantile</c> aggregate only: the quantile, 0 ≤ q ≤ 1. Required there.</summary>
    public double? Quantile { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].window</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        OptionChecks.Duration(Size, path.Key("Size"), problems, required: true, positive: true);
        var aggregate = OptionChecks.OneOf(Aggregate, path.Key("Aggregate"), problems, required: true, [.. Aggregates]);
        if (aggregate == "quantile")
        {
            if (Quantile is not (>= 0 and <= 1))
            {
                problems.Add(path.Key("Quantile"), $"is required for the quantile aggregate and must be between 0 and 1");
            }
        }
        else if (aggregate is not null && Quantile is not null)
        {
            problems.Add(path.Key("Quantile"), $"applies only to the quantile aggregate");
        }

        ValidateCondition(path, problems);
    }
}
