using AlphaTrade.RxMonitor.Configuration;

namespace AlphaTrade.RxMonitor.Rules.Configuration;

/// <summary>An absence detector: <c>{"for":"5m"}</c> is PromQL <c>absent_over_time(series[5m])</c>.</summary>
/// <remarks>The alert's labels come from the selector's <c>=</c> matchers (not <c>__name__</c>), as in Prometheus.</remarks>
public sealed class AbsentOptions : IValidatableOptions
{
    /// <summary>How long without a sample of any matching series until the condition holds. Required, above zero.</summary>
    public string? For { get; set; }

    /// <summary>Adds every problem of this detector to <paramref name="problems"/>.</summary>
    /// <param name="path">The detector's path, e.g. <c>rules[2].absent</c>.</param>
    /// <param name="problems">Where to add each problem.</param>
    public void Validate(KeyPath path, ICollection<ConfigurationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(path);
        path = path.Of(this);
        ArgumentNullException.ThrowIfNull(problems);
        OptionChecks.Duration(For, path.Key("For"), problems, required: true, positive: true);
    }
}
